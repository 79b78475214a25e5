package io.framefleet.worker.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import org.jboss.logging.MDC;

/**
 * A span made current for a unit of work, with the job id and trace id in the logging context so that every
 * log line of the work names its job and trace. Close it in a try-with-resources; {@link #fail} marks it failed.
 */
public final class Traced implements AutoCloseable {

    public static final String MDC_JOB = "jobId";
    public static final String MDC_TRACE = "traceId";

    private final Span span;
    private final Scope scope;
    private final Object previousJob;
    private final Object previousTrace;

    Traced(Span span, String jobId) {
        this.span = span;
        this.scope = span.makeCurrent();
        this.previousJob = MDC.get(MDC_JOB);
        this.previousTrace = MDC.get(MDC_TRACE);
        if (jobId != null) {
            MDC.put(MDC_JOB, jobId);
        }
        MDC.put(MDC_TRACE, span.getSpanContext().getTraceId());
    }

    public Span span() {
        return span;
    }

    /** Names the job once it is known (a task's record key is not its job id), in the span and the logging context. */
    public Traced job(String jobId) {
        if (jobId != null) {
            span.setAttribute(Tracing.ATTR_JOB, jobId);
            MDC.put(MDC_JOB, jobId);
        }
        return this;
    }

    public Traced attribute(String key, String value) {
        if (value != null) {
            span.setAttribute(key, value);
        }
        return this;
    }

    public void fail(Throwable error) {
        span.recordException(error);
        span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
    }

    @Override
    public void close() {
        try {
            scope.close();
            span.end();
        } finally {
            restore(MDC_JOB, previousJob);
            restore(MDC_TRACE, previousTrace);
        }
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
