package io.framefleet.worker.telemetry;

import io.framefleet.contracts.JobRequested;
import io.framefleet.worker.Events;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class JobTraceTest {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String SPAN = "00f067aa0ba902b7";

    static Context context() {
        return Context.root().with(Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(),
                TraceState.getDefault())));
    }

    @Test
    void shouldCarryTheCurrentContextInTheHeadersOfEveryEvent() {
        JobRequested event = new JobRequested("j-1", Instant.EPOCH, "rest", null, null, null, null, null);
        Message<String> message;
        try (Scope ignored = context().makeCurrent()) {
            message = Events.message(event, "test");
        }
        @SuppressWarnings("unchecked")
        OutgoingKafkaRecordMetadata<String> meta = message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        var header = meta.getHeaders().lastHeader(JobTrace.TRACEPARENT);
        assertThat(header).isNotNull();
        assertThat(new String(header.value(), StandardCharsets.UTF_8)).isEqualTo("00-" + TRACE + "-" + SPAN + "-01");
        assertThat(meta.getHeaders().lastHeader("ce_type")).as("the CloudEvents headers stay").isNotNull();

        SpanContext back = Span.fromContext(JobTrace.extract(meta.getHeaders())).getSpanContext();
        assertThat(back.getTraceId()).isEqualTo(TRACE);
        assertThat(back.getSpanId()).isEqualTo(SPAN);
        assertThat(back.isRemote()).isTrue();
    }

    @Test
    void shouldWriteNoContextOutsideASpanAndReadNoneFromAMalformedHeader() {
        RecordHeaders headers = new RecordHeaders();
        JobTrace.inject(Context.root(), headers);
        assertThat(headers.lastHeader(JobTrace.TRACEPARENT)).isNull();
        assertThat(JobTrace.currentTraceparent()).isNull();

        headers.add(JobTrace.TRACEPARENT, "00-not-a-trace-01".getBytes(StandardCharsets.UTF_8));
        assertThat(JobTrace.hasSpan(JobTrace.extract(headers))).isFalse();
        assertThat(JobTrace.hasSpan(JobTrace.fromTraceparent("garbage"))).isFalse();
        assertThat(JobTrace.hasSpan(JobTrace.fromTraceparent(null))).isFalse();
    }

    @Test
    void shouldRestoreAStoredTraceparentAsTheParentOfLaterWork() {
        String stored;
        try (Scope ignored = context().makeCurrent()) {
            stored = JobTrace.currentTraceparent();
        }
        assertThat(stored).isEqualTo("00-" + TRACE + "-" + SPAN + "-01");
        SpanContext restored = Span.fromContext(JobTrace.fromTraceparent(stored)).getSpanContext();
        assertThat(restored.getTraceId()).isEqualTo(TRACE);
        assertThat(restored.getSpanId()).isEqualTo(SPAN);
    }

    @Test
    void shouldReplaceNotDuplicateATraceparentAlreadyInTheHeaders() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(JobTrace.TRACEPARENT, "00-11111111111111111111111111111111-2222222222222222-01"
                .getBytes(StandardCharsets.UTF_8));
        JobTrace.inject(context(), headers);
        assertThat(headers.headers(JobTrace.TRACEPARENT)).hasSize(1);
        assertThat(Span.fromContext(JobTrace.extract(headers)).getSpanContext().getTraceId()).isEqualTo(TRACE);
    }
}
