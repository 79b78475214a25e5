package io.framefleet.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as object references carry it (lowercase hex), computed while bytes stream past so no
 * object is ever held whole in memory to hash it.
 */
public final class Sha256 {

    private static final int BUFFER_SIZE = 64 * 1024;

    private Sha256() {
    }

    /** A fresh SHA-256 digest; every JVM is required to provide one. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String of(byte[] content) {
        MessageDigest digest = newDigest();
        digest.update(content);
        return hex(digest);
    }

    public static String of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return copy(in, OutputStream.nullOutputStream()).sha256();
        }
    }

    /** Copies {@code in} to {@code out} and hashes the bytes on the way. Closes neither stream. */
    public static Copied copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER_SIZE];
        long size = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            digest.update(buffer, 0, read);
            out.write(buffer, 0, read);
            size += read;
        }
        return new Copied(size, hex(digest));
    }

    /** What went through a {@link #copy}. */
    public record Copied(long size, String sha256) {
    }
}
