package io.framefleet.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"video.mp4", "jobs/j-1/interpolate/0003.mkv", "inbox/My Holiday (1).MP4",
            "vidéo/夏.mp4", "a/.hidden", "a/..b/c", "x"})
    void shouldAcceptKeysThatNameOneObjectEverywhere(String key) {
        assertThat(ObjectKeys.validate(key)).isEqualTo(key);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void shouldRejectBlankKeys(String key) {
        assertThatThrownBy(() -> ObjectKeys.validate(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("object key must not be blank");
    }

    @Test
    void shouldRejectAbsoluteKeys() {
        assertThatThrownBy(() -> ObjectKeys.validate("/etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'/etc/passwd'").hasMessageContaining("relative");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../escape", "jobs/../../escape", "jobs/..", "a/./b", "."})
    void shouldRejectDotSegments(String key) {
        assertThatThrownBy(() -> ObjectKeys.validate(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + key + "'").hasMessageContaining("'..' segments");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a//b", "a/", "jobs/j1/"})
    void shouldRejectEmptySegments(String key) {
        assertThatThrownBy(() -> ObjectKeys.validate(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty segments");
    }

    @Test
    void shouldRejectBackslashes() {
        assertThatThrownBy(() -> ObjectKeys.validate("jobs\\j1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backslash");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "line\nbreak", "tab\tin/key", "del\u007f", "c1\u0085"})
    void shouldRejectControlCharactersWithoutEchoingThem(String key) {
        assertThatThrownBy(() -> ObjectKeys.validate(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("\\p{Cc}"));
    }

    @Test
    void shouldMeasureKeyLengthInUtf8Bytes() {
        String limit = "é".repeat(512);          // 2 bytes each: exactly 1024
        assertThat(ObjectKeys.validate(limit)).isEqualTo(limit);
        assertThatThrownBy(() -> ObjectKeys.validate(limit + "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than 1024 UTF-8 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "frames", "framefleet-output", "my.bucket.2", "0-0",
            "sixty-three-characters-long-bucket-name-is-the-most-s3-accepts0"})
    void shouldAcceptS3BucketNames(String bucket) {
        assertThat(ObjectKeys.validateBucket(bucket)).isEqualTo(bucket);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"ab", "Frames", "under_score", "-start", "end-", ".staging", "a..b", "with space",
            "192.168.1.10", "bucket/key"})
    void shouldRejectBucketNamesS3WouldRefuse(String bucket) {
        assertThatThrownBy(() -> ObjectKeys.validateBucket(bucket))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bucket name");
    }

    @Test
    void shouldRejectBucketNamesLongerThan63Characters() {
        assertThatThrownBy(() -> ObjectKeys.validateBucket("a".repeat(64)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3-63");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "jobs/", "jobs/j1/seg", "inbox", "a/."})
    void shouldAcceptPrefixesThatEndMidSegmentOrInSlash(String prefix) {
        assertThat(ObjectKeys.validatePrefix(prefix)).isEqualTo(prefix);
    }

    @Test
    void shouldTreatMissingPrefixAsWholeBucket() {
        assertThat(ObjectKeys.validatePrefix(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/jobs", "../", "jobs/../x", "a//b", "a\\b", "a\nb"})
    void shouldRejectPrefixesThatCouldEscapeTheBucket(String prefix) {
        assertThatThrownBy(() -> ObjectKeys.validatePrefix(prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key prefix");
    }

    @Test
    void shouldOrderKeysByUtf8BytesAsS3Lists() {
        List<String> keys = new ArrayList<>(List.of("a/\uD83C\uDFAC", "a/\uFF21", "a/b", "a-b", "a", "a/B"));

        keys.sort(ObjectKeys.ORDER);

        assertThat(keys).containsExactly("a", "a-b", "a/B", "a/b", "a/\uFF21", "a/\uD83C\uDFAC");
    }
}
