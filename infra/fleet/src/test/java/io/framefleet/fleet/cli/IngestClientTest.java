package io.framefleet.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.framefleet.contracts.EnhanceOptions;
import io.framefleet.contracts.ObjectRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a small HTTP server that answers as the job API documents. */
class IngestClientTest {

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicReference<String> lastBody = new AtomicReference<>();
    private HttpServer server;
    private IngestClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/jobs", this::answer);
        server.start();
        client = new IngestClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), json);
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void shouldSubmitSourceAndOptionsAndReturnTheJobId() throws Exception {
        String jobId = client.submit(new ObjectRef("inbox", "cli/u1/clip.mp4", 1234, "ab12"),
                new EnhanceOptions(2, null, 2.0, null, null, null, null, null));

        JsonNode body = json.readTree(lastBody.get());
        assertThat(jobId).isEqualTo("job-42");
        assertThat(body.at("/source/bucket").asText()).isEqualTo("inbox");
        assertThat(body.at("/source/key").asText()).isEqualTo("cli/u1/clip.mp4");
        assertThat(body.at("/options/fpsFactor").asInt()).isEqualTo(2);
        assertThat(body.at("/options/scale").asDouble()).isEqualTo(2.0);
        assertThat(body.at("/options").has("fps")).as("unset options are left out").isFalse();
    }

    @Test
    void shouldReportIngestsReasonWhenItRejectsTheJob() {
        assertThatThrownBy(() -> client.submit(ObjectRef.of("inbox", "cli/u1/bad.mp4"), new EnhanceOptions(9, null, null, null, null, null, null, null)))
                .isInstanceOf(IngestClient.JobRejectedException.class)
                .hasMessage("fpsFactor must be 1..8");
    }

    @Test
    void shouldReadAFinishedJobWithItsOutputs() throws Exception {
        JobView job = client.job("job-42").orElseThrow();

        assertThat(job.succeeded()).isTrue();
        assertThat(job.stages().get("INTERPOLATE")).isEqualTo(new JobView.StageProgress(3, 3));
        assertThat(job.outputs()).extracting(ObjectRef::key).containsExactly("job-42/video.mp4", "job-42/report.json");
        assertThat(job.outputs().get(0).size()).isEqualTo(2048);
    }

    @Test
    void shouldTreatAnUnknownJobAsNotYetVisible() throws Exception {
        assertThat(client.job("job-unknown")).isEmpty();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("POST")) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            lastBody.set(body);
            if (body.contains("bad.mp4")) {
                send(exchange, 400, "{\"error\":\"fpsFactor must be 1..8\"}");
            } else {
                send(exchange, 202, "{\"jobId\":\"job-42\"}");
            }
        } else if (path.equals("/v1/jobs/job-42")) {
            send(exchange, 200, """
                    {"jobId":"job-42","state":"SUCCEEDED","stage":null,"progress":1.0,"etaSeconds":0,
                     "stages":{"INTERPOLATE":{"done":3,"total":3},"UPSCALE":{"done":3,"total":3},"EVALUATE":{"done":1,"total":1}},
                     "outputs":[{"bucket":"outputs","key":"job-42/video.mp4","size":2048,"sha256":"aa"},
                                {"bucket":"outputs","key":"job-42/report.json","size":100,"sha256":"bb"}],
                     "submittedAt":"2026-01-01T00:00:00Z"}""");
        } else {
            send(exchange, 404, "{\"error\":\"no such job\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
