package io.framefleet.storage;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StorageSettingsTest {

    @Test
    void shouldDefaultToUsEast1AndTheDefaultCredentialChain() {
        StorageSettings settings = new StorageSettings("S3", null, null, " ", false, "", null);

        assertThat(settings.type()).isEqualTo(StorageSettings.S3);
        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.hasStaticCredentials()).isFalse();
    }

    @Test
    void shouldRejectHalfAKeyPair() {
        assertThatThrownBy(() -> StorageSettings.s3(null, null, false).withStaticCredentials("key", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both");
    }

    @Test
    void shouldRejectUnknownTypesAndLocalWithoutRoot() {
        assertThatThrownBy(() -> new StorageSettings("gcs", null, null, null, false, null, null))
                .hasMessageContaining("'local' or 's3'");
        assertThatThrownBy(() -> new StorageSettings("local", null, null, null, false, null, null))
                .hasMessageContaining("root directory");
    }

    @Test
    void shouldNeverPrintTheSecretKey() {
        StorageSettings settings = StorageSettings.s3(URI.create("http://minio:9000"), "eu-west-1", true)
                .withStaticCredentials("AKIAEXAMPLE", "very-secret-value");

        assertThat(settings.toString()).contains("AKIAEXAMPLE", "minio:9000").doesNotContain("very-secret-value");
    }

    @Test
    void shouldOpenTheStoreTheSettingsName() {
        try (ObjectStore local = ObjectStores.open(StorageSettings.local(Path.of("target/unused")));
             ObjectStore s3 = ObjectStores.open(StorageSettings.s3(URI.create("http://127.0.0.1:1"), null, true)
                     .withStaticCredentials("k", "s"))) {
            assertThat(local).isInstanceOf(LocalObjectStore.class);
            assertThat(s3).isInstanceOf(S3ObjectStore.class);
        }
    }

    @Test
    void shouldGrowPartsOnlyWhereTenThousandWouldNotCoverTheFile() {
        S3Upload upload = new S3Upload(null, S3ObjectStore.DEFAULT_PART_SIZE);
        long mib = 1024 * 1024;

        assertThat(upload.partSizeFor(20 * mib)).isEqualTo(8 * mib);
        assertThat(upload.partSizeFor(80_000 * mib)).isEqualTo(8 * mib);
        long terabyte = 1024L * 1024 * mib;
        long part = upload.partSizeFor(terabyte);
        assertThat(part % mib).isZero();
        assertThat((terabyte + part - 1) / part).isLessThanOrEqualTo(10_000);
        assertThatThrownBy(() -> new S3Upload(null, mib)).hasMessageContaining("5 MiB");
    }

    @Test
    void shouldGiveBrowsersAPlayableContentType() {
        assertThat(S3Upload.contentTypeOf("j1/video.MP4")).isEqualTo("video/mp4");
        assertThat(S3Upload.contentTypeOf("jobs/j1/interpolate/0001.mkv")).isEqualTo("video/x-matroska");
        assertThat(S3Upload.contentTypeOf("jobs/j1.mp4/segment")).isEqualTo("application/octet-stream");
    }
}
