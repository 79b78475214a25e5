package io.framefleet.worker;

import io.framefleet.contracts.TaskFailed;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailureClassifierTest {

    @Test
    void shouldClassifyBadInputAnywhereInTheCauseChain() {
        Exception e = new RuntimeException("wrapped", new BadInputException("corrupt segment"));
        assertThat(FailureClassifier.classify(e)).isEqualTo(TaskFailed.Kind.BAD_INPUT);
        assertThat(FailureClassifier.reason(e)).isEqualTo("wrapped: corrupt segment");
    }

    @Test
    void shouldTreatStorageErrorsAsTransientAndMemoryAsEngine() {
        assertThat(FailureClassifier.classify(new UncheckedIOException(new IOException("connection reset"))))
                .isEqualTo(TaskFailed.Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(new OutOfMemoryError("heap"))).isEqualTo(TaskFailed.Kind.ENGINE);
    }

    @Test
    void shouldTreatModelFailuresAsEngineFailures() {
        assertThat(FailureClassifier.classify(new RuntimeException("task",
                new io.framefleet.inference.EngineOutOfMemoryException("out of memory at 64 px tiles"))))
                .isEqualTo(TaskFailed.Kind.ENGINE);
        assertThat(FailureClassifier.classify(new io.framefleet.inference.InvalidModelException("digest mismatch")))
                .isEqualTo(TaskFailed.Kind.ENGINE);
        assertThat(FailureClassifier.classify(new io.framefleet.inference.InferenceException("engine hiccup")))
                .isEqualTo(TaskFailed.Kind.TRANSIENT);
    }

    @Test
    void shouldParseRationalFrameRates() {
        assertThat(Rational.parse("30000/1001").value()).isCloseTo(29.97, org.assertj.core.data.Offset.offset(0.001));
        assertThat(Rational.parse("25")).isEqualTo(new Rational(25, 1));
        assertThatThrownBy(() -> Rational.parse("fast")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rational.parse("0/1")).isInstanceOf(IllegalArgumentException.class);
    }
}
