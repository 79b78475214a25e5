package io.framefleet.fleet.capacity;

import io.framefleet.contracts.Stage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The measured rates the capacity model starts from: {@code stage-rates.csv} beside this class
 * (one row per stage and device; docs/capacity.md says where each number comes from).
 */
public record StageRates(List<StageRate> rates) {

    static final String RESOURCE = "stage-rates.csv";

    public StageRates {
        rates = List.copyOf(rates);
    }

    /** The committed table. */
    public static StageRates bundled() {
        try (InputStream in = StageRates.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing beside " + StageRates.class.getName());
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads {@code stage,device,worker_s_per_mpx,cpu_s_per_mpx,gpu_s_per_mpx,cores_per_worker,source} lines;
     * {@code #} starts a comment, the header line is skipped.
     */
    static StageRates parse(String csv) {
        List<StageRate> rates = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new java.io.StringReader(csv))) {
            String line;
            while ((line = lines.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("stage,")) {
                    continue;
                }
                String[] f = line.split(",", 7);
                if (f.length < 7) {
                    throw new IllegalArgumentException("a rate needs 7 fields: " + line);
                }
                rates.add(new StageRate(Stage.valueOf(f[0].strip().toUpperCase(Locale.ROOT)),
                        StageRate.Device.valueOf(f[1].strip().toUpperCase(Locale.ROOT)),
                        Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                        Double.parseDouble(f[5]), f[6].strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StageRates(rates);
    }

    public Optional<StageRate> find(Stage stage, StageRate.Device device) {
        return rates.stream().filter(r -> r.stage() == stage && r.device() == device).findFirst();
    }

    /** The rate on {@code device}, else the CPU one (a stage with no GPU worker runs on CPU either way). */
    public StageRate forStage(Stage stage, StageRate.Device device) {
        return find(stage, device).or(() -> find(stage, StageRate.Device.CPU))
                .orElseThrow(() -> new IllegalStateException("no measured rate for stage " + stage.path()));
    }
}
