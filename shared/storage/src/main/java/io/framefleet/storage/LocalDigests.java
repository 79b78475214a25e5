package io.framefleet.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;

/**
 * The SHA-256 of each local object, kept in a user extended attribute next to the bytes so that
 * listing an inbox of videos does not re-read every video. The attribute records the size and
 * modification time it was computed for: a file rewritten in place by something other than the
 * store (cp over it keeps the inode and the attribute) is hashed again instead of trusted.
 * Where the file system has no user attributes every call hashes the file.
 */
final class LocalDigests {

    private static final String ATTRIBUTE = "framefleet.sha256";

    /** Records the digest of a staged file before it is moved under its key (the attribute moves with it). */
    void remember(Path file, String sha256) throws IOException {
        store(file, sha256, Files.readAttributes(file, BasicFileAttributes.class));
    }

    String sha256(Path file, BasicFileAttributes attributes) throws IOException {
        UserDefinedFileAttributeView view = view(file);
        String stamp = stamp(attributes);
        String[] recorded = view == null ? new String[0] : recorded(view);
        if (recorded.length == 2 && recorded[1].equals(stamp)) {
            return recorded[0];
        }
        String sha256 = Sha256.of(file);
        store(file, sha256, attributes);
        return sha256;
    }

    private static String[] recorded(UserDefinedFileAttributeView view) {
        try {
            if (!view.list().contains(ATTRIBUTE)) {
                return new String[0];
            }
            ByteBuffer buffer = ByteBuffer.allocate(view.size(ATTRIBUTE));
            view.read(ATTRIBUTE, buffer);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).split(" ", 2);
        } catch (IOException unreadable) {
            // A cache miss, not an error: hashing the file gives the same answer, only slower.
            return new String[0];
        }
    }

    private static void store(Path file, String sha256, BasicFileAttributes attributes) throws IOException {
        UserDefinedFileAttributeView view = view(file);
        if (view == null) {
            return;
        }
        try {
            view.write(ATTRIBUTE, StandardCharsets.US_ASCII.encode(sha256 + " " + stamp(attributes)));
        } catch (IOException unsupported) {
            // Some file systems advertise the view but refuse writes (read-only mounts, tmpfs
            // before Linux 6.6): the digest is still right, only recomputed next time.
        }
    }

    private static String stamp(BasicFileAttributes attributes) {
        return attributes.size() + " " + attributes.lastModifiedTime().toMillis();
    }

    private static UserDefinedFileAttributeView view(Path file) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView(UserDefinedFileAttributeView.class)) {
            return null;
        }
        return Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    }
}
