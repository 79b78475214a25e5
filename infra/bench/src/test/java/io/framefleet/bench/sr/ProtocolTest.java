package io.framefleet.bench.sr;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's degradation and scores, against values PIL 9.4 computed for the same pixels. */
class ProtocolTest {

    /** A 13x11 pattern with ramps, a quadratic and hard black/white blocks: every filter tap matters. */
    static RgbImage pattern() {
        int w = 13;
        int h = 11;
        byte[] rgb = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = 3 * (y * w + x);
                rgb[p] = (byte) ((x * 37 + y * 11) % 256);
                rgb[p + 1] = (byte) ((x * x * 5 + y * 29) % 256);
                rgb[p + 2] = (byte) (((x / 3 + y / 2) % 2) == 1 ? 255 : 0);
            }
        }
        return new RgbImage(rgb, w, h);
    }

    @Test
    void shouldDownscaleByteForByteLikePil() {
        // np.asarray(Image.fromarray(pattern).resize((w, h), Image.BICUBIC)).tobytes().hex()
        assertThat(PilBicubic.resize(pattern(), 6, 5).rgb()).isEqualTo(HexFormat.of().parseHex(
                "1e162a6b3998c596b44b842a5781beac91913553bd847a6ecea95a5462bd708a53c466734e954ea3c58eb2789e36834e8f70"
                        + "a3dd858a66d3a1bfa9766d5a6b4d91a1af7b67a1757981375dbf3c89478c94688f5dc087986da487"));
        assertThat(PilBicubic.resize(pattern(), 3, 2).rgb()).isEqualTo(HexFormat.of().parseHex(
                "686b7c85867f8d7c83918c7f6e7f7f9e8480"));
        // Taller than the source: the vertical pass enlarges while the horizontal one shrinks.
        assertThat(PilBicubic.resize(pattern(), 5, 7).rgb()).isEqualTo(HexFormat.of().parseHex(
                "230e008847e1929e443a7f8a9fa1bb343ac499774fa8929d4b7a7ab0646246688eaba7758871865d807ec27679579a25beb7"
                        + "c06368586d7f86d788a76bd6ffb8ac224f6eb9877d76b663467fad14b950cc3e9451a08488a19bae94139a92546d"
                        + "459d8bae797e709e74"));
    }

    @Test
    void shouldScoreIdenticalImagesPerfectlyAndAnOffsetByTheLumaFormula() {
        RgbImage a = new RgbImage(new byte[3 * 40 * 30], 40, 30);
        byte[] noisy = new byte[3 * 40 * 30];
        for (int i = 0; i < noisy.length; i++) {
            a.rgb()[i] = (byte) (i * 7 % 200);
            noisy[i] = (byte) ((i * 7 % 200) + 10);
        }
        LumaMetrics.Score same = LumaMetrics.score(a, a, 2);
        assertThat(same.psnr()).isInfinite();
        assertThat(same.ssim()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        LumaMetrics.Score worse = LumaMetrics.score(a, new RgbImage(noisy, 40, 30), 2);
        // +10 on R, G and B moves Y by 10 * 219 / 255 everywhere: PSNR = 20 log10(255 / 8.588) = 29.45 dB.
        assertThat(worse.psnr()).isCloseTo(20 * Math.log10(255 / (10 * 219.0 / 255)), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(worse.ssim()).isLessThan(1.0);
    }

    @Test
    void shouldCropTheCentreToMultiplesOfEight() {
        RgbImage c = new RgbImage(new byte[3 * 451 * 300], 451, 300).centreCrop(480);
        assertThat(c.width()).isEqualTo(448);
        assertThat(c.height()).isEqualTo(296);
    }
}
