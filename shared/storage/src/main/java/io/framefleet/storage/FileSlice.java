package io.framefleet.storage;

import software.amazon.awssdk.http.ContentStreamProvider;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One part of a file as a request body. The SDK asks for a fresh stream whenever it retries a
 * part, so each call reopens the file at the part's offset instead of keeping the bytes around.
 */
final class FileSlice implements ContentStreamProvider {

    private final Path file;
    private final long offset;
    private final long length;
    private InputStream current;

    FileSlice(Path file, long offset, long length) {
        this.file = file;
        this.offset = offset;
        this.length = length;
    }

    long length() {
        return length;
    }

    @Override
    public InputStream newStream() {
        closeCurrent();
        try {
            SeekableByteChannel channel = Files.newByteChannel(file);
            channel.position(offset);
            current = new Bounded(Channels.newInputStream(channel), length);
            return current;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reopen " + file + " at offset " + offset, e);
        }
    }

    /** Releases the file handle of the last stream; the SDK does not always close retried ones. */
    void closeCurrent() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // Closing a read-only file handle cannot lose data.
            }
            current = null;
        }
    }

    /** Stops after {@code remaining} bytes, so a part never reads into the next one. */
    private static final class Bounded extends FilterInputStream {
        private long remaining;

        Bounded(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = super.read(buffer, off, (int) Math.min(len, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
