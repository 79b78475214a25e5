package io.framefleet.bench.scaling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.EnhanceOptions;
import io.framefleet.contracts.ObjectRef;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@code POST /v1/jobs} with the job id chosen by the caller, so every run places the jobs alike. */
final class JobSubmitter {

    private final URI base;
    private final ObjectMapper json = CloudEvents.json();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    JobSubmitter(URI base) {
        this.base = base;
    }

    void submit(String jobId, ObjectRef source, int fpsFactor, double scale) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode();
        body.put("jobId", jobId);
        body.set("source", json.valueToTree(source));
        body.set("options", json.valueToTree(new EnhanceOptions(fpsFactor, null, scale, null, null, null, null, null)));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/jobs"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202 && response.statusCode() != 200) {
            throw new IOException("POST /v1/jobs for " + jobId + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }
}
