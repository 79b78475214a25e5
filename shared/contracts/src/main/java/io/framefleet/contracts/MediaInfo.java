package io.framefleet.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a probe found in a source video.
 *
 * @param fpsNum / fpsDen  frame rate as a rational number
 * @param frames           number of video frames (decoded count where the container lies)
 * @param rotation         display rotation in degrees (0, 90, 180, 270)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MediaInfo(int width, int height, int fpsNum, int fpsDen, long frames, double durationSeconds,
                        int rotation, String format, String videoCodec, String audioCodec,
                        Integer audioSampleRate, Integer audioChannels) {

    public double fps() {
        return (double) fpsNum / fpsDen;
    }

    public boolean hasAudio() {
        return audioCodec != null;
    }
}
