package io.framefleet.fleet;

import io.framefleet.contracts.ObjectRef;
import io.framefleet.fleet.process.FreePorts;
import io.framefleet.storage.ObjectInfo;
import io.framefleet.storage.ObjectStore;
import io.framefleet.storage.ObjectStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3ServerIT {

    @TempDir
    static Path directory;
    static S3Server server;

    @BeforeAll
    static void startServer() throws Exception {
        long started = System.nanoTime();
        server = S3Server.start(FleetHome.locate(), directory.resolve("s3"), directory.resolve("s3mock.log"), Fleet.BUCKETS);
        System.out.printf("s3mock child ready in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void shouldStoreAndReturnAFileInAnInitialBucket() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(content);
        Path upload = Files.write(directory.resolve("upload.bin"), content);
        Path download = directory.resolve("download.bin");

        try (ObjectStore store = ObjectStores.open(server.storageSettings())) {
            ObjectRef stored = store.put(Fleet.INBOX_BUCKET, "cli/it/upload.bin", upload);
            store.download(Fleet.INBOX_BUCKET, "cli/it/upload.bin", download);

            assertThat(stored.size()).isEqualTo(content.length);
            assertThat(stored.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
            assertThat(Files.readAllBytes(download)).isEqualTo(content);
        }
    }

    @Test
    @Order(1)
    void shouldListAndReadSmallObjects() throws Exception {
        try (ObjectStore store = ObjectStores.open(server.storageSettings())) {
            store.put(Fleet.OUTPUTS_BUCKET, "job-1/report.json", "{\"ok\":true}".getBytes(StandardCharsets.UTF_8), "application/json");

            List<ObjectInfo> listed = store.list(Fleet.OUTPUTS_BUCKET, "job-1/");

            assertThat(listed).extracting(ObjectInfo::key).containsExactly("job-1/report.json");
            assertThat(new String(store.read(Fleet.OUTPUTS_BUCKET, "job-1/report.json"), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        }
    }

    @Test
    @Order(2)
    void shouldStopTheProcessAndFreeItsPortWhenClosed() {
        assertThat(FreePorts.accepting(server.port())).isTrue();

        server.close();

        assertThat(server.process().isAlive()).isFalse();
        assertThat(FreePorts.accepting(server.port())).isFalse();
    }
}
