package io.framefleet.worker.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupUnlessProperty;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;

/**
 * Appends finished spans as JSON lines to {@code <framefleet.tracing.spans-dir>/<service>-<pid>.jsonl}, so the
 * local fleet's traces can be read without a collector. Present only when that folder is set; then it is the
 * service's span exporter (Quarkus drops its OTLP exporter when an exporter bean exists). In a cluster the
 * folder is unset and spans go to the OTLP endpoint ({@code quarkus.otel.exporter.otlp.traces.endpoint}).
 */
@Singleton
@Unremovable
@LookupUnlessProperty(name = "framefleet.tracing.spans-dir", stringValue = "none")
public class SpanFileExporter implements SpanExporter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String service;
    private Writer out;

    public SpanFileExporter(TracingConfig config, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.service = service;
        this.file = Path.of(config.spansDir()).resolve(service + "-" + ProcessHandle.current().pid() + ".jsonl");
    }

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> spans) {
        try {
            if (out == null) {
                Files.createDirectories(file.getParent());
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            for (SpanData span : spans) {
                out.write(JSON.writeValueAsString(toJson(span)));
                out.write('\n');
            }
            out.flush();
            return CompletableResultCode.ofSuccess();
        } catch (IOException e) {
            return CompletableResultCode.ofFailure();
        }
    }

    private ObjectNode toJson(SpanData span) {
        ObjectNode node = JSON.createObjectNode();
        node.put("service", service);
        node.put("traceId", span.getTraceId());
        node.put("spanId", span.getSpanId());
        if (span.getParentSpanContext().isValid()) {
            node.put("parentSpanId", span.getParentSpanId());
        }
        node.put("name", span.getName());
        node.put("kind", span.getKind().name());
        node.put("startNanos", span.getStartEpochNanos());
        node.put("endNanos", span.getEndEpochNanos());
        node.put("status", span.getStatus().getStatusCode().name());
        ObjectNode attributes = node.putObject("attributes");
        span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), String.valueOf(value)));
        return node;
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public synchronized CompletableResultCode shutdown() {
        try {
            if (out != null) {
                out.close();
            }
            return CompletableResultCode.ofSuccess();
        } catch (IOException e) {
            return CompletableResultCode.ofFailure();
        }
    }
}
