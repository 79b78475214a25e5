package io.framefleet.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes an object's bytes to a local file the way workers need it: streamed, checked against
 * the size and sha256 the object was stored with, and renamed into place only when complete, so
 * a crash or a corrupt transfer never leaves a truncated input under the expected name.
 */
final class VerifiedDownload {

    private VerifiedDownload() {
    }

    /**
     * @param object         "bucket/key", for error messages
     * @param expectedSize   -1 when unknown
     * @param expectedSha256 null when the object was stored without one (uploaded by someone else)
     */
    static void write(String object, InputStream in, long expectedSize, String expectedSha256, Path target)
            throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, "." + absolute.getFileName(), ".part");
        try {
            Sha256.Copied copied;
            try (OutputStream out = Files.newOutputStream(partial)) {
                copied = Sha256.copy(in, out);
            }
            if (expectedSize >= 0 && copied.size() != expectedSize) {
                throw new IOException("download of " + object + " ended after " + copied.size()
                        + " of " + expectedSize + " bytes");
            }
            if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(copied.sha256())) {
                throw new IOException("download of " + object + " is corrupt: sha256 " + copied.sha256()
                        + ", stored with " + expectedSha256);
            }
            Files.move(partial, absolute, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
