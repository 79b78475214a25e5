package io.framefleet.worker.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * W3C trace context in Kafka headers ({@code traceparent}, {@code tracestate}). Every event a service sends
 * carries the context it was sent in, and every consumer continues it, so one job is one trace from ingest to
 * its final object. The fleet does this itself rather than through the messaging connector's tracing, which it
 * turns off: the planner must also continue a job's trace from its stored state (a timed-out task sent again
 * by the ticker has no incoming event to take it from).
 */
public final class JobTrace {

    public static final String TRACEPARENT = "traceparent";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapSetter<Headers> HEADER_SETTER = (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    };

    private static final TextMapGetter<Headers> HEADER_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            for (Header h : headers) {
                keys.add(h.key());
            }
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            Header h = headers == null ? null : headers.lastHeader(key);
            return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        }
    };

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private JobTrace() {
    }

    /** Writes the current context into the headers; writes nothing when there is no valid span. */
    public static void inject(Headers headers) {
        inject(Context.current(), headers);
    }

    public static void inject(Context context, Headers headers) {
        W3C.inject(context, headers, HEADER_SETTER);
    }

    /** The context a record was sent in, or the root context when it carries none (or a malformed one). */
    public static Context extract(Headers headers) {
        return W3C.extract(Context.root(), headers, HEADER_GETTER);
    }

    /** The current span's context as a {@code traceparent} value, or null when there is no valid span. */
    public static String currentTraceparent() {
        Map<String, String> carrier = new java.util.HashMap<>();
        W3C.inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The context a stored {@code traceparent} names, or the root context for null or a malformed value. */
    public static Context fromTraceparent(String traceparent) {
        if (traceparent == null) {
            return Context.root();
        }
        return W3C.extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP_GETTER);
    }

    /** Whether a context holds a span that a child can join. */
    public static boolean hasSpan(Context context) {
        return Span.fromContext(context).getSpanContext().isValid();
    }
}
