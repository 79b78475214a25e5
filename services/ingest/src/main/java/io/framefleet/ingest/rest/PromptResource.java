package io.framefleet.ingest.rest;

import io.framefleet.contracts.GenerateOptions;
import io.framefleet.contracts.JobIds;
import io.framefleet.ingest.IngestService;
import io.framefleet.ingest.JobView;
import io.framefleet.ingest.RejectedException;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The REST door for text-to-video: a prompt in, a job to follow at {@code /v1/jobs/{id}}. */
@Path("/v1/prompts")
@Tag(name = "prompts")
@Produces(MediaType.APPLICATION_JSON)
public class PromptResource {

    @Inject
    IngestService ingest;
    @Inject
    JobView view;

    /**
     * Body of a prompt submission.
     *
     * @param jobId optional; a repeated submission with the same id is the same job
     */
    public record PromptRequest(String jobId, String prompt, GenerateOptions options, String outputBucket) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Make a video (or an image) from a prompt",
            description = "Answers 202 with the job id and its status URL; 400 says what is wrong with the prompt or options.")
    public Response submit(PromptRequest body) throws IOException {
        if (body == null) {
            return error("body needs a prompt");
        }
        if (body.jobId() != null && !JobIds.isValid(body.jobId())) {
            return error("invalid jobId '" + body.jobId() + "'");
        }
        String jobId = body.jobId() != null ? body.jobId() : "j-" + UUID.randomUUID();
        try {
            ingest.generate(jobId, "rest", body.prompt(), body.options(), body.outputBucket(), false);
        } catch (RejectedException e) {
            return error(e.getMessage());
        }
        view.accepted(jobId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("jobId", jobId);
        answer.put("state", "ACCEPTED");
        answer.put("status", "/v1/jobs/" + jobId);
        answer.put("events", "/v1/jobs/" + jobId + "/events");
        return Response.accepted(answer).location(java.net.URI.create("/v1/jobs/" + jobId)).build();
    }

    private static Response error(String message) {
        return Response.status(400).entity(Map.of("error", message)).build();
    }
}
