package io.framefleet.fleet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.storage.ObjectStore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Brings a finished job's outputs into a folder and says what they are. */
final class Results {

    static final String REPORT = "report.json";

    private final ObjectStore objects;
    private final ObjectMapper json;
    private final Path directory;

    Results(ObjectStore objects, ObjectMapper json, Path directory) {
        this.objects = objects;
        this.json = json;
        this.directory = directory;
    }

    /** Downloads every output under the last segment of its key, then summarises report.json. */
    void download(JobView job, PrintStream out) throws IOException {
        Files.createDirectories(directory);
        Path report = null;
        for (ObjectRef output : job.outputs()) {
            Path target = directory.resolve(fileName(output.key()));
            objects.download(output.bucket(), output.key(), target);
            out.printf("  %-14s %,d bytes%n", target.getFileName(), Files.size(target));
            if (target.getFileName().toString().equals(REPORT)) {
                report = target;
            }
        }
        out.println("results in " + directory.toAbsolutePath());
        if (report != null) {
            out.println("report:");
            for (String line : ReportSummary.lines(json.readTree(report.toFile()))) {
                out.println("  " + line);
            }
        }
    }

    /** The last path segment of a key; keys come from the service, so nothing may climb out of the folder. */
    static String fileName(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("output key has no file name: " + key);
        }
        return name;
    }
}
