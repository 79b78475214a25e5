package io.framefleet.ingest.rest;

import io.framefleet.contracts.CloudEvents;
import io.framefleet.contracts.EnhanceOptions;
import io.framefleet.contracts.JobIds;
import io.framefleet.contracts.JobStatus;
import io.framefleet.contracts.ObjectRef;
import io.framefleet.ingest.IngestService;
import io.framefleet.ingest.JobView;
import io.framefleet.ingest.RejectedException;
import io.framefleet.storage.ObjectKeys;
import io.framefleet.storage.ObjectStore;
import io.framefleet.worker.StorageConfig;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The REST door: submit, follow, cancel. */
@Path("/v1/jobs")
@Tag(name = "jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    @Inject
    IngestService ingest;
    @Inject
    JobView view;
    @Inject
    ObjectStore store;
    @Inject
    StorageConfig storage;

    /** Body of a submission that references an object already in storage. */
    public record SubmitRequest(String jobId, ObjectRef source, String outputBucket, EnhanceOptions options) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Enhance a video already in object storage",
            description = "Probes and segments the source, then answers 202 with the job id; 400 says what is wrong.")
    public Response submit(SubmitRequest body) throws IOException {
        if (body == null || body.source() == null) {
            return error(400, "body needs source {bucket, key}");
        }
        if (body.jobId() != null && !JobIds.isValid(body.jobId())) {
            return error(400, "invalid jobId '" + body.jobId() + "'");
        }
        try {
            ObjectKeys.validate(body.source().key());
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
        String jobId = body.jobId() != null ? body.jobId() : "j-" + UUID.randomUUID();
        return accept(jobId, body.source(), body.outputBucket(), body.options());
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Blocking
    @Operation(summary = "Upload a video and enhance it", description = "Form fields: file, options (JSON).")
    public Response upload(@RestForm("file") FileUpload file, @RestForm("options") String options) throws IOException {
        if (file == null) {
            return error(400, "form field 'file' is missing");
        }
        EnhanceOptions opts;
        try {
            opts = options == null || options.isBlank() ? null : CloudEvents.parse(EnhanceOptions.class, options);
        } catch (RuntimeException e) {
            return error(400, "options: " + e.getMessage());
        }
        String jobId = "j-" + UUID.randomUUID();
        String name = file.fileName() == null ? "upload" : file.fileName().replaceAll("[^A-Za-z0-9._-]", "_");
        ObjectRef source = store.put(storage.buckets().inbox(), "uploads/" + jobId + "/" + name, file.uploadedFile());
        return accept(jobId, source, null, opts);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A job's state, per-stage progress, ETA, output links and error")
    public Response get(@PathParam("id") String id) throws IOException {
        if (!JobIds.isValid(id)) {
            return error(400, "invalid job id");
        }
        JobStatus s = view.get(id).orElse(null);
        return s == null ? error(404, "no job " + id) : Response.ok(body(s)).build();
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent events: the job's status on every change, until it ends")
    public Multi<JobStatus> events(@PathParam("id") String id) {
        return view.stream(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel a job")
    public Response cancel(@PathParam("id") String id) {
        if (!JobIds.isValid(id) || view.get(id).isEmpty()) {
            return error(404, "no job " + id);
        }
        ingest.cancel(id, "cancelled through the API");
        return Response.accepted(Map.of("jobId", id, "state", "CANCELLING")).build();
    }

    private Response accept(String jobId, ObjectRef source, String outputBucket, EnhanceOptions options)
            throws IOException {
        try {
            ingest.submit(jobId, "rest", source, outputBucket, options, false);
        } catch (RejectedException e) {
            return error(400, e.getMessage());
        }
        view.accepted(jobId);
        return Response.accepted(Map.of("jobId", jobId, "state", "ACCEPTED")).build();
    }

    private Map<String, Object> body(JobStatus s) throws IOException {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("jobId", s.jobId());
        b.put("state", s.state());
        b.put("stage", s.stage());
        b.put("stages", s.stages());
        b.put("progress", s.progress());
        b.put("etaSeconds", s.etaSeconds());
        List<Map<String, Object>> outputs = new ArrayList<>();
        if (s.outputs() != null) {
            for (ObjectRef o : s.outputs()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("bucket", o.bucket());
                m.put("key", o.key());
                m.put("size", o.size());
                m.put("sha256", o.sha256());
                m.put("url", store.presign(o.bucket(), o.key(), Duration.ofHours(1)).toString());
                outputs.add(m);
            }
        }
        b.put("outputs", outputs);
        b.put("error", s.error());
        b.put("submittedAt", s.submittedAt());
        b.put("updatedAt", s.updatedAt());
        b.put("cpuSeconds", s.cpuSeconds());
        return b;
    }

    private static Response error(int status, String message) {
        return Response.status(status).entity(Map.of("error", message)).build();
    }
}
