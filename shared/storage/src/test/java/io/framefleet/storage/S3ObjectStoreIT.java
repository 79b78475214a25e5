package io.framefleet.storage;

import io.framefleet.contracts.ObjectRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.framefleet.storage.LocalObjectStoreTest.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** S3ObjectStore against a real S3 server (S3Mock as a child process), over plain HTTP. */
class S3ObjectStoreIT {

    @RegisterExtension
    static final S3MockServer S3 = new S3MockServer();

    private static final String BUCKET = "framefleet-it";
    private static ObjectStore store;
    private static S3Client raw;

    @TempDir
    Path dir;

    @BeforeAll
    static void openStore() throws IOException {
        store = ObjectStores.open(S3.settings());
        store.ensureBucket(BUCKET);
        // A second client, independent of the code under test, to look at what really got stored.
        raw = S3Client.builder().endpointOverride(S3.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void closeStore() {
        store.close();
        raw.close();
    }

    @Test
    void shouldCreateABucketOnceAndRefuseMissingOnes() throws IOException {
        store.ensureBucket(BUCKET);
        store.ensureBucket("framefleet-it-second");

        assertThat(raw.listBuckets().buckets()).extracting(b -> b.name()).contains(BUCKET, "framefleet-it-second");
        assertThatThrownBy(() -> store.put("no-such-bucket", "k", new byte[1], "text/plain"))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("no-such-bucket/k");
    }

    @Test
    void shouldStreamALargeFileUpInPartsAndVerifyItOnTheWayDown() throws Exception {
        long size = 20L * 1024 * 1024 + 12_345;   // three parts of at most 8 MiB
        Path source = dir.resolve("big.mkv");
        String expectedSha256 = writeRandomFile(source, size);

        ObjectRef ref = store.put(BUCKET, "jobs/j1/interpolate/big.mkv", source);

        assertThat(ref).isEqualTo(new ObjectRef(BUCKET, "jobs/j1/interpolate/big.mkv", size, expectedSha256));
        var head = raw.headObject(b -> b.bucket(BUCKET).key("jobs/j1/interpolate/big.mkv"));
        assertThat(head.eTag()).as("multipart ETags end in -<parts>").endsWith("-3\"");
        assertThat(head.metadata()).containsEntry("sha256", expectedSha256);
        assertThat(head.contentType()).isEqualTo("video/x-matroska");
        assertThat(store.head(BUCKET, "jobs/j1/interpolate/big.mkv").orElseThrow().size()).isEqualTo(size);

        Path copy = dir.resolve("down/big.mkv");
        store.download(BUCKET, "jobs/j1/interpolate/big.mkv", copy);
        assertThat(Files.size(copy)).isEqualTo(size);
        assertThat(Sha256.of(copy)).isEqualTo(expectedSha256);
        try (InputStream in = store.open(BUCKET, "jobs/j1/interpolate/big.mkv")) {
            assertThat(in.skip(size - 10)).isEqualTo(size - 10);
            assertThat(in.readAllBytes()).hasSize(10);
        }
    }

    @Test
    void shouldPutAndReadSmallObjects() throws IOException {
        byte[] json = "{\"job\":\"j2\",\"score\":0.93}".getBytes(StandardCharsets.UTF_8);

        ObjectRef ref = store.put(BUCKET, "j2/report.json", json, "application/json");

        assertThat(ref.sha256()).isEqualTo(sha256(json));
        assertThat(store.read(BUCKET, "j2/report.json")).isEqualTo(json);
        ObjectInfo info = store.head(BUCKET, "j2/report.json").orElseThrow();
        assertThat(info.size()).isEqualTo(json.length);
        assertThat(info.eTag()).doesNotContain("\"").hasSize(32);
        assertThat(info.lastModified()).isNotNull();
        Path small = Files.write(dir.resolve("small.json"), json);
        assertThat(store.put(BUCKET, "j2/from-file.json", small).sha256()).isEqualTo(sha256(json));
        assertThat(raw.headObject(b -> b.bucket(BUCKET).key("j2/from-file.json")).metadata())
                .containsEntry("sha256", sha256(json));
    }

    @Test
    void shouldListEveryPageInKeyOrder() throws IOException {
        List<String> keys = new ArrayList<>();
        for (int i = 49; i >= 0; i--) {
            keys.add(0, String.format("list/k-%03d", i));
            store.put(BUCKET, String.format("list/k-%03d", i), new byte[]{(byte) i}, "application/octet-stream");
        }
        store.put(BUCKET, "list-other/x", new byte[1], "application/octet-stream");

        try (ObjectStore smallPages = new S3ObjectStore(S3.settings(), S3ObjectStore.DEFAULT_PART_SIZE, 7)) {
            assertThat(smallPages.list(BUCKET, "list/")).extracting(ObjectInfo::key).containsExactlyElementsOf(keys);
            assertThat(smallPages.list(BUCKET, "list")).hasSize(51).first()
                    .extracting(ObjectInfo::key).as("'-' sorts before '/'").isEqualTo("list-other/x");
            assertThat(smallPages.list(BUCKET, "list/k-04")).extracting(ObjectInfo::size).containsOnly(1L).hasSize(10);
        }
        assertThat(store.list(BUCKET, "nothing-here/")).isEmpty();
    }

    @Test
    void shouldReportMissingObjectsAsAbsent() throws IOException {
        assertThat(store.head(BUCKET, "missing/object")).isEmpty();
        assertThatThrownBy(() -> store.read(BUCKET, "missing/object")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.open(BUCKET, "missing/object")).isInstanceOf(NoSuchFileException.class);
        Path target = dir.resolve("never.mkv");
        assertThatThrownBy(() -> store.download(BUCKET, "missing/object", target))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(target).doesNotExist();
    }

    @Test
    void shouldServePresignedUrlsToClientsWithoutCredentials() throws Exception {
        byte[] video = LocalObjectStoreTest.randomBytes(100_000, 3);
        store.put(BUCKET, "j3/video.mp4", video, "video/mp4");

        URI url = store.presign(BUCKET, "j3/video.mp4", Duration.ofMinutes(5));

        assertThat(url.getQuery()).contains("X-Amz-Signature=", "X-Amz-Expires=300");
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(video);
    }

    @Test
    void shouldDeleteIdempotently() throws IOException {
        store.put(BUCKET, "j4/tmp.bin", new byte[]{1, 2}, "application/octet-stream");

        store.delete(BUCKET, "j4/tmp.bin");
        store.delete(BUCKET, "j4/tmp.bin");

        assertThat(store.head(BUCKET, "j4/tmp.bin")).isEmpty();
    }

    @Test
    void shouldRefuseADownloadThatDoesNotMatchItsSha256() {
        raw.putObject(b -> b.bucket(BUCKET).key("j5/tampered.mkv").metadata(Map.of("sha256", "0".repeat(64))),
                RequestBody.fromBytes(new byte[]{1, 2, 3}));
        Path target = dir.resolve("tampered.mkv");

        assertThatThrownBy(() -> store.download(BUCKET, "j5/tampered.mkv", target))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupt");
        assertThat(target).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void shouldValidateBeforeAnyRequest() {
        assertThatThrownBy(() -> store.head(BUCKET, "../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list("UPPER", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.presign(BUCKET, "/abs", Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Streams seeded random bytes to disk, 1 MiB at a time, so the test never holds the file either. */
    private static String writeRandomFile(Path file, long size) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Random random = new Random(42);
        byte[] chunk = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                int length = (int) Math.min(chunk.length, size - written);
                out.write(chunk, 0, length);
                digest.update(chunk, 0, length);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
