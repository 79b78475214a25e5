package io.framefleet.storage;

import io.framefleet.contracts.ObjectRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LocalObjectStoreTest {

    private static final String BUCKET = "frames";

    @TempDir
    Path dir;
    private LocalObjectStore store;

    @BeforeEach
    void openStore() throws IOException {
        store = new LocalObjectStore(dir.resolve("store"));
        store.ensureBucket(BUCKET);
    }

    @Test
    void shouldRoundTripAFileWithItsSha256() throws Exception {
        byte[] content = randomBytes(3 * 1024 * 1024 + 17, 1);
        Path source = Files.write(dir.resolve("source.mkv"), content);

        ObjectRef ref = store.put(BUCKET, "jobs/j1/interpolate/0001.mkv", source);

        assertThat(ref).isEqualTo(new ObjectRef(BUCKET, "jobs/j1/interpolate/0001.mkv", content.length, sha256(content)));
        ObjectInfo info = store.head(BUCKET, "jobs/j1/interpolate/0001.mkv").orElseThrow();
        assertThat(info.size()).isEqualTo(content.length);
        assertThat(info.eTag()).isEqualTo(sha256(content));
        assertThat(info.lastModified()).isAfter(Instant.now().minusSeconds(60));

        Path copy = dir.resolve("out/copy.mkv");
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, "an older file the download must replace");
        store.download(BUCKET, "jobs/j1/interpolate/0001.mkv", copy);
        assertThat(copy).hasBinaryContent(content);
        assertThat(copy.getParent()).isDirectoryNotContaining("glob:**.part");

        try (InputStream in = store.open(BUCKET, "jobs/j1/interpolate/0001.mkv")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(store.read(BUCKET, "jobs/j1/interpolate/0001.mkv")).isEqualTo(content);

        store.delete(BUCKET, "jobs/j1/interpolate/0001.mkv");
        assertThat(store.head(BUCKET, "jobs/j1/interpolate/0001.mkv")).isEmpty();
        assertThatThrownBy(() -> store.read(BUCKET, "jobs/j1/interpolate/0001.mkv"))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("frames/jobs/j1/interpolate/0001.mkv");
        store.delete(BUCKET, "jobs/j1/interpolate/0001.mkv");   // deleting twice is not an error, as on S3
    }

    @Test
    void shouldStoreSmallDocumentsFromMemory() throws IOException {
        byte[] json = "{\"job\":\"j1\"}".getBytes(StandardCharsets.UTF_8);

        ObjectRef ref = store.put(BUCKET, "j1/report.json", json, "application/json");

        assertThat(ref.size()).isEqualTo(json.length);
        assertThat(ref.sha256()).isEqualTo(sha256(json));
        assertThat(store.read(BUCKET, "j1/report.json")).isEqualTo(json);
    }

    @Test
    void shouldListUnderAPrefixInKeyOrder() throws IOException {
        for (String key : new String[]{"jobs/j1/b", "jobs/j1/a/2", "jobs/j1/a/10", "jobs/j10/x", "jobs/j1-x/y",
                "other", "jobs/j1/\uD83C\uDFAC", "jobs/j1/\uFF21"}) {
            store.put(BUCKET, key, key.getBytes(StandardCharsets.UTF_8), "text/plain");
        }

        assertThat(store.list(BUCKET, "jobs/j1/")).extracting(ObjectInfo::key)
                // UTF-8 byte order as S3 lists: U+FF21 sorts before the emoji (U+1F3AC).
                .containsExactly("jobs/j1/a/10", "jobs/j1/a/2", "jobs/j1/b", "jobs/j1/\uFF21", "jobs/j1/\uD83C\uDFAC");
        assertThat(store.list(BUCKET, "jobs/j1")).extracting(ObjectInfo::key)
                .containsExactly("jobs/j1-x/y", "jobs/j1/a/10", "jobs/j1/a/2", "jobs/j1/b", "jobs/j1/\uFF21",
                        "jobs/j1/\uD83C\uDFAC", "jobs/j10/x");
        assertThat(store.list(BUCKET, "jobs/j1/a/1")).extracting(ObjectInfo::key).containsExactly("jobs/j1/a/10");
        assertThat(store.list(BUCKET, "")).hasSize(8);
        assertThat(store.list(BUCKET, "missing/")).isEmpty();
        ObjectInfo other = store.list(BUCKET, "oth").get(0);
        assertThat(other.eTag()).isEqualTo(sha256("other".getBytes(StandardCharsets.UTF_8)));
        assertThat(other.size()).isEqualTo(5);
    }

    @Test
    void shouldNeverShowAPartialObjectWhileItIsWritten() throws Exception {
        Path fifo = dir.resolve("slow-source");
        assumeTrue(mkfifo(fifo), "needs mkfifo to hold a write half-way");
        byte[] oldContent = "old version".getBytes(StandardCharsets.UTF_8);
        store.put(BUCKET, "out/video.mp4", oldContent, "video/mp4");
        byte[] newContent = randomBytes(256 * 1024, 2);

        Path staging = dir.resolve("store").resolve(LocalObjectStore.STAGING_DIR);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(newContent, 0, newContent.length / 2);
                out.flush();
                // Hold the rest back until the first half sits in a staging file: the store is
                // mid-write, and the key must still show the old version and only that.
                awaitStagedBytes(staging, newContent.length / 2);
                assertThat(store.read(BUCKET, "out/video.mp4")).isEqualTo(oldContent);
                assertThat(store.list(BUCKET, "out/")).extracting(ObjectInfo::size)
                        .containsExactly((long) oldContent.length);
                out.write(newContent, newContent.length / 2, newContent.length - newContent.length / 2);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        writer.start();

        ObjectRef ref = store.put(BUCKET, "out/video.mp4", fifo);
        writer.join();

        assertThat(failure.get()).as("checks made while the put was half-way").isNull();
        assertThat(ref.sha256()).isEqualTo(sha256(newContent));
        assertThat(store.read(BUCKET, "out/video.mp4")).isEqualTo(newContent);
        assertThat(dir.resolve("store").resolve(LocalObjectStore.STAGING_DIR)).isEmptyDirectory();
    }

    @Test
    void shouldCleanUpStagingWhenAPutFails() throws IOException {
        store.put(BUCKET, "a", new byte[]{1}, "application/octet-stream");

        // "a" is a file, so "a/b" has no folder to go into (S3 would allow both).
        assertThatThrownBy(() -> store.put(BUCKET, "a/b", new byte[]{2}, "application/octet-stream"))
                .isInstanceOf(IOException.class);

        assertThat(store.read(BUCKET, "a")).containsExactly(1);
        assertThat(dir.resolve("store").resolve(LocalObjectStore.STAGING_DIR)).isEmptyDirectory();
        assertThat(store.list(BUCKET, "")).extracting(ObjectInfo::key).containsExactly("a");
    }

    @Test
    void shouldHashFilesPlacedOrRewrittenOutsideTheStore() throws IOException {
        Path file = dir.resolve("store").resolve(BUCKET).resolve("inbox/dropped.mp4");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "first");
        assertThat(store.head(BUCKET, "inbox/dropped.mp4").orElseThrow().eTag()).isEqualTo(sha256("first".getBytes()));

        // Rewritten in place: same inode, same size, so only the modification time gives it away.
        Files.writeString(file, "again", StandardOpenOption.TRUNCATE_EXISTING);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(store.head(BUCKET, "inbox/dropped.mp4").orElseThrow().eTag()).isEqualTo(sha256("again".getBytes()));
    }

    @Test
    void shouldPresignAsAFileUri() throws IOException {
        store.put(BUCKET, "j1/video.mp4", new byte[]{7, 8, 9}, "video/mp4");

        var uri = store.presign(BUCKET, "j1/video.mp4", Duration.ofMinutes(5));

        assertThat(uri.getScheme()).isEqualTo("file");
        assertThat(Files.readAllBytes(Path.of(uri))).containsExactly(7, 8, 9);
    }

    @Test
    void shouldRefuseBucketsThatWereNeverCreated() {
        assertThatThrownBy(() -> store.put("missing", "k", new byte[0], "text/plain"))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("bucket does not exist");
        assertThatThrownBy(() -> store.list("missing", ""))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void shouldValidateKeysInEveryMethod() {
        assertThatThrownBy(() -> store.head(BUCKET, "../store/frames/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put(BUCKET, "/abs", new byte[0], "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.download(BUCKET, "a\\b", dir.resolve("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.presign(BUCKET, "a/../b", Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(BUCKET, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.ensureBucket("Bad_Bucket")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list(BUCKET, "../")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Computed with the JDK directly, not with the store's own helper under test. */
    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitStagedBytes(Path staging, long bytes) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (var files = Files.list(staging)) {
                if (files.anyMatch(f -> f.toFile().length() >= bytes)) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no staging file reached " + bytes + " bytes");
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static boolean mkfifo(Path path) {
        try {
            return new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
