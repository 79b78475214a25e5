package io.framefleet.storage;

import io.framefleet.contracts.ObjectRef;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Streams one file into S3: a single PutObject up to the part size, a multipart upload above it.
 * <p>
 * Every body is read from the file as it is sent (the client streams it with its Content-Length),
 * so memory does not grow with the file: a 300 MiB upload and download ran in a 20 MiB heap. The
 * part size sets how much a failed request re-sends; parts go up one after another because the
 * workers' cores are busy with video, not with uploads.
 */
final class S3Upload {

    /** User metadata key; S3 stores and returns it as the x-amz-meta-sha256 header. */
    static final String SHA256_METADATA = "sha256";
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    private static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
    private static final int MAX_PARTS = 10_000;
    private static final long MIB = 1024 * 1024;

    private final S3Client s3;
    private final long partSize;

    S3Upload(S3Client s3, long partSize) {
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("S3 accepts parts of 5 MiB to 5 GiB, not " + partSize + " bytes");
        }
        this.s3 = s3;
        this.partSize = partSize;
    }

    ObjectRef put(String bucket, String key, Path file) throws IOException {
        BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
        // A separate pass: S3 wants metadata before the body (a multipart upload at its creation),
        // so the digest must be known before the first byte goes up. The second read is usually
        // served from the page cache.
        String sha256 = Sha256.of(file);
        Map<String, String> metadata = Map.of(SHA256_METADATA, sha256);
        String contentType = contentTypeOf(key);
        if (before.size() <= partSize) {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).metadata(metadata),
                    RequestBody.fromFile(file));
            if (changedSince(file, before)) {
                // The object no longer matches the sha256 it carries: better gone than wrong.
                s3.deleteObject(b -> b.bucket(bucket).key(key));
                throw new IOException(file + " changed while it was uploaded to " + bucket + "/" + key);
            }
        } else {
            String uploadId = s3.createMultipartUpload(
                    b -> b.bucket(bucket).key(key).contentType(contentType).metadata(metadata)).uploadId();
            try {
                List<CompletedPart> parts = uploadParts(bucket, key, uploadId, file, before.size());
                if (changedSince(file, before)) {
                    throw new IOException(file + " changed while it was uploaded to " + bucket + "/" + key);
                }
                s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
            } catch (IOException | RuntimeException e) {
                // An unfinished upload keeps its parts (and their storage cost) until aborted.
                try {
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
                } catch (SdkException abortFailed) {
                    e.addSuppressed(abortFailed);
                }
                throw e;
            }
        }
        return new ObjectRef(bucket, key, before.size(), sha256);
    }

    private List<CompletedPart> uploadParts(String bucket, String key, String uploadId, Path file, long size) {
        long part = partSizeFor(size);
        List<CompletedPart> parts = new ArrayList<>();
        int number = 1;
        for (long offset = 0; offset < size; offset += part, number++) {
            FileSlice slice = new FileSlice(file, offset, Math.min(part, size - offset));
            int partNumber = number;
            try {
                UploadPartResponse response = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                                .partNumber(partNumber).contentLength(slice.length()),
                        RequestBody.fromContentProvider(slice, slice.length(), "application/octet-stream"));
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(response.eTag()).build());
            } finally {
                slice.closeCurrent();
            }
        }
        return parts;
    }

    /** The configured size, grown in whole MiB where the file would otherwise need over 10,000 parts. */
    long partSizeFor(long size) {
        long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
        long roundedUp = (needed + MIB - 1) / MIB * MIB;
        return Math.max(partSize, roundedUp);
    }

    /**
     * A heuristic (size and modification time), not a proof: it catches a writer that is still
     * appending to the file, the usual way an upload and its recorded sha256 fall out of step.
     */
    private static boolean changedSince(Path file, BasicFileAttributes before) throws IOException {
        BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class);
        return now.size() != before.size() || !now.lastModifiedTime().equals(before.lastModifiedTime());
    }

    /** So that presigned links to results play in a browser instead of downloading as binary. */
    static String contentTypeOf(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return switch (dot < 0 ? "" : name.substring(dot + 1)) {
            case "mp4" -> "video/mp4";
            case "mkv" -> "video/x-matroska";
            case "json" -> "application/json";
            case "png" -> "image/png";
            default -> "application/octet-stream";
        };
    }
}
