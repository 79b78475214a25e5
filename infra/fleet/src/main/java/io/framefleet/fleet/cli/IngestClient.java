package io.framefleet.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framefleet.contracts.EnhanceOptions;
import io.framefleet.contracts.GenerateOptions;
import io.framefleet.contracts.ObjectRef;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The ingest service's job API: submit an enhancement or a prompt, read a job's state. */
final class IngestClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;

    IngestClient(URI base, ObjectMapper json) {
        this.base = base;
        this.json = json;
    }

    /** {@code POST /v1/jobs}; returns the job id. */
    String submit(ObjectRef source, EnhanceOptions options) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode();
        body.set("source", json.valueToTree(source));
        body.set("options", json.valueToTree(options));
        return post("/v1/jobs", body);
    }

    /** {@code POST /v1/prompts}; returns the job id. */
    String generate(String prompt, GenerateOptions options) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode();
        body.put("prompt", prompt);
        body.set("options", json.valueToTree(options));
        return post("/v1/prompts", body);
    }

    private String post(String path, ObjectNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 400) {
            throw new JobRejectedException(errorOf(response.body()));
        }
        if (response.statusCode() != 202 && response.statusCode() != 200) {
            throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode jobId = json.readTree(response.body()).path("jobId");
        if (!jobId.isTextual()) {
            throw new IOException("POST " + path + " answered without a jobId: " + response.body());
        }
        return jobId.asText();
    }

    /** {@code GET /v1/jobs/{id}}; empty while the job is not known yet (404). */
    Optional<JobView> job(String jobId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/jobs/" + jobId))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET /v1/jobs/" + jobId + " answered " + response.statusCode() + ": " + response.body());
        }
        return Optional.of(json.readValue(response.body(), JobView.class));
    }

    private String errorOf(String body) {
        try {
            JsonNode error = json.readTree(body).path("error");
            return error.isMissingNode() ? body : error.asText();
        } catch (IOException e) {
            return body;
        }
    }

    /** Ingest refused the request (HTTP 400): bad input that no retry will fix. */
    static final class JobRejectedException extends IOException {
        JobRejectedException(String message) {
            super(message);
        }
    }
}
