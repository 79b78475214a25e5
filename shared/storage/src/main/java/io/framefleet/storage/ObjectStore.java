package io.framefleet.storage;

import io.framefleet.contracts.ObjectRef;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Object storage as the fleet uses it: whole files streamed in and out (never a whole video
 * in memory), small JSON documents, listing for the inbox watcher. Implementations: a local
 * directory (the embedded default) and any S3 endpoint. Keys are checked by {@link ObjectKeys}.
 */
public interface ObjectStore extends AutoCloseable {

    /** Creates the bucket if it does not exist. */
    void ensureBucket(String bucket) throws IOException;

    /** Streams a file up (multipart above the part size) and returns its reference with size and sha256. */
    ObjectRef put(String bucket, String key, Path file) throws IOException;

    /** Stores a small object held in memory (JSON documents, markers). */
    ObjectRef put(String bucket, String key, byte[] content, String contentType) throws IOException;

    /** Streams an object down into a file, replacing it. */
    void download(String bucket, String key, Path target) throws IOException;

    /** Opens an object for streaming reads. */
    InputStream open(String bucket, String key) throws IOException;

    /** Reads a small object whole. */
    byte[] read(String bucket, String key) throws IOException;

    /** Metadata of an object, empty when it does not exist. */
    Optional<ObjectInfo> head(String bucket, String key) throws IOException;

    /** Objects under a prefix, in key order. */
    List<ObjectInfo> list(String bucket, String prefix) throws IOException;

    void delete(String bucket, String key) throws IOException;

    /** A URL that lets someone without credentials download the object for the given time. */
    URI presign(String bucket, String key, Duration validFor) throws IOException;

    @Override
    void close();
}
