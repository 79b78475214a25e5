package io.framefleet.evaluator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.JobRequested;
import io.framefleet.contracts.MediaInfo;
import io.framefleet.contracts.StageTask;
import io.framefleet.evaluator.quality.FullReferenceScores;
import io.framefleet.evaluator.quality.NoReferenceScores;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/** The report (what was done, where the time went, how good it is) and the manifest (enough to replay). */
final class Reports {

    private static final ObjectMapper JSON = CloudEvents.json();

    private Reports() {
    }

    static ObjectNode report(StageTask task, JobRequested request, MediaInfo out, long frames, FullReferenceScores fr,
                             NoReferenceScores nr, Duration assemble, Duration scoring, Instant now) throws IOException {
        ObjectNode r = JSON.createObjectNode();
        r.put("jobId", task.jobId());
        r.put("state", "SUCCEEDED");
        r.set("source", JSON.valueToTree(request.source()));
        r.set("sourceMedia", JSON.valueToTree(request.media()));
        r.set("options", JSON.valueToTree(request.options().withDefaults()));
        ObjectNode output = r.putObject("output");
        output.put("width", out.width());
        output.put("height", out.height());
        output.put("fps", out.fps());
        output.put("frames", frames);
        output.put("durationSeconds", out.durationSeconds());
        output.put("codec", out.videoCodec());
        output.put("audioCodec", out.audioCodec());
        output.put("durationDeltaFrames", Math.abs(out.durationSeconds() - request.media().durationSeconds()) * out.fps());

        ObjectNode stages = (ObjectNode) JSON.readTree(task.param("stages"));
        ObjectNode evaluate = stages.putObject("EVALUATE");
        evaluate.put("tasks", 1);
        evaluate.put("assembleMillis", assemble.toMillis());
        evaluate.put("scoringMillis", scoring.toMillis());
        evaluate.put("processor", "assemble");
        r.set("stages", stages);

        long computeMillis = 0;
        long queueMillis = 0;
        long storageMillis = 0;
        long cpuMillis = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = stages.fields(); it.hasNext(); ) {
            JsonNode s = it.next().getValue();
            computeMillis += s.path("computeMillis").asLong();
            queueMillis += s.path("queueMillis").asLong();
            storageMillis += s.path("readMillis").asLong() + s.path("writeMillis").asLong();
            cpuMillis += s.path("cpuMillis").asLong();
        }
        // Sums over tasks: stages overlap (segment i is upscaled while i+1 is interpolated),
        // so these add up to more than the wall time when the fleet works in parallel.
        ObjectNode timing = r.putObject("timing");
        timing.put("submittedAt", request.submittedAt().toString());
        timing.put("reportedAt", now.toString());
        timing.put("wallSeconds", Duration.between(request.submittedAt(), now).toMillis() / 1000.0);
        timing.put("stageComputeSeconds", computeMillis / 1000.0);
        timing.put("queueSeconds", queueMillis / 1000.0);
        timing.put("storageSeconds", storageMillis / 1000.0);
        timing.put("encodeSeconds", assemble.toMillis() / 1000.0);
        timing.put("scoringSeconds", scoring.toMillis() / 1000.0);
        timing.put("workerCpuSeconds", cpuMillis / 1000.0);
        timing.put("gpuSeconds", 0.0);

        ObjectNode quality = r.putObject("quality");
        ObjectNode full = quality.putObject("fullReference");
        full.put("method", "output scaled back to the source size and sampled at the source frame times, vs the source");
        full.put("psnrY", round(fr.psnrY()));
        full.put("ssimY", round(fr.ssimY()));
        full.put("framesCompared", fr.framesCompared());
        ObjectNode noRef = quality.putObject("noReference");
        noRef.put("temporalFlicker", round(nr.temporalFlicker()));
        noRef.put("frozenFrames", nr.frozenFrames());
        noRef.put("blackFrames", nr.blackFrames());
        noRef.put("frames", nr.frames());
        return r;
    }

    static ObjectNode manifest(StageTask task, JobRequested request, MediaInfo out) throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("jobId", task.jobId());
        m.put("framefleet", Reports.class.getPackage().getImplementationVersion());
        m.set("source", JSON.valueToTree(request.source()));
        m.set("options", JSON.valueToTree(request.options().withDefaults()));
        ObjectNode targets = m.putObject("targets");
        targets.put("fps", task.param("fps"));
        targets.put("width", Integer.parseInt(task.param("width")));
        targets.put("height", Integer.parseInt(task.param("height")));
        targets.put("codec", task.param("codec"));
        ObjectNode processors = m.putObject("processors");
        JsonNode stages = JSON.readTree(task.param("stages"));
        stages.fields().forEachRemaining(e -> {
            ObjectNode p = processors.putObject(e.getKey());
            p.put("name", e.getValue().path("processor").asText());
            p.put("version", e.getValue().path("processorVersion").asText());
        });
        processors.putObject("EVALUATE").put("name", "assemble").put("version", "1");
        m.set("segments", JSON.valueToTree(request.segments()));
        m.set("sourceMedia", JSON.valueToTree(request.media()));
        m.put("outputDurationSeconds", out.durationSeconds());
        return m;
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : v;
    }
}
