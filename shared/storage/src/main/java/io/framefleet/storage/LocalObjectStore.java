package io.framefleet.storage;

import io.framefleet.contracts.ObjectRef;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The embedded default: bucket = directory under {@code root}, key = relative path inside it.
 * Several workers may share one root, so every write lands in a staging file first and is moved
 * into place atomically: a reader sees the old object or the new one, never a partial file.
 * Unlike S3, a key cannot be both an object and a folder ("a" and "a/b"): the second put fails.
 */
public final class LocalObjectStore implements ObjectStore {

    /** In-flight writes live here; bucket names cannot start with '.', so no bucket collides. */
    static final String STAGING_DIR = ".staging";

    private final Path root;
    private final Path staging;
    private final LocalDigests digests = new LocalDigests();

    public LocalObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.staging = this.root.resolve(STAGING_DIR);
    }

    public Path root() {
        return root;
    }

    @Override
    public void ensureBucket(String bucket) throws IOException {
        Files.createDirectories(root.resolve(ObjectKeys.validateBucket(bucket)));
    }

    @Override
    public ObjectRef put(String bucket, String key, Path file) throws IOException {
        Path target = objectPath(bucket, key);
        try (InputStream in = Files.newInputStream(file)) {
            return publish(bucket, key, in, target);
        }
    }

    @Override
    public ObjectRef put(String bucket, String key, byte[] content, String contentType) throws IOException {
        // A directory has nowhere to keep a content type; readers of small documents know theirs.
        return publish(bucket, key, new ByteArrayInputStream(content), objectPath(bucket, key));
    }

    @Override
    public void download(String bucket, String key, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(existingObject(bucket, key))) {
            VerifiedDownload.write(bucket + "/" + key, in, -1, null, target);
        }
    }

    @Override
    public InputStream open(String bucket, String key) throws IOException {
        return Files.newInputStream(existingObject(bucket, key));
    }

    @Override
    public byte[] read(String bucket, String key) throws IOException {
        return Files.readAllBytes(existingObject(bucket, key));
    }

    @Override
    public Optional<ObjectInfo> head(String bucket, String key) throws IOException {
        Path path = objectPath(bucket, key);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        return Optional.of(info(bucket, key, path));
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix) throws IOException {
        Path bucketDir = bucketDir(bucket);
        String validPrefix = ObjectKeys.validatePrefix(prefix);
        // Only walk the deepest folder the prefix names completely; "jobs/j1/seg" walks jobs/j1.
        int lastSlash = validPrefix.lastIndexOf('/');
        Path start = lastSlash < 0 ? bucketDir : bucketDir.resolve(validPrefix.substring(0, lastSlash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<String> keys;
        try (Stream<Path> files = Files.walk(start)) {
            keys = files.filter(Files::isRegularFile)
                    .map(path -> keyOf(bucketDir, path))
                    .filter(key -> key.startsWith(validPrefix))
                    .sorted(ObjectKeys.ORDER)
                    .toList();
        }
        List<ObjectInfo> infos = new ArrayList<>(keys.size());
        for (String key : keys) {
            try {
                infos.add(info(bucket, key, bucketDir.resolve(key)));
            } catch (NoSuchFileException deletedMeanwhile) {
                // Listing is not a snapshot on S3 either: an object deleted mid-listing is just gone.
            }
        }
        return infos;
    }

    @Override
    public void delete(String bucket, String key) throws IOException {
        // Empty folders are left behind on purpose: pruning them races with a concurrent put
        // creating the same folder, and listings only report files.
        Files.deleteIfExists(objectPath(bucket, key));
    }

    /** A file: URI. Nothing expires: whoever can read the URI can read the directory anyway. */
    @Override
    public URI presign(String bucket, String key, Duration validFor) throws IOException {
        return objectPath(bucket, key).toUri();
    }

    @Override
    public void close() {
        // Nothing held open between calls.
    }

    private ObjectRef publish(String bucket, String key, InputStream content, Path target) throws IOException {
        Files.createDirectories(staging);
        Path staged = Files.createTempFile(staging, "put-", ".tmp");
        try {
            Sha256.Copied copied;
            try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                copied = Sha256.copy(content, out);
                // Without this a crash soon after the rename can leave an empty file under the key.
                channel.force(true);
            }
            digests.remember(staged, copied.sha256());
            Files.createDirectories(target.getParent());
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            return new ObjectRef(bucket, key, copied.size(), copied.sha256());
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private ObjectInfo info(String bucket, String key, Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        return new ObjectInfo(bucket, key, attributes.size(), digests.sha256(path, attributes),
                attributes.lastModifiedTime().toInstant());
    }

    private Path bucketDir(String bucket) throws IOException {
        Path dir = root.resolve(ObjectKeys.validateBucket(bucket));
        if (!Files.isDirectory(dir)) {
            // Same outcome as S3's NoSuchBucket, so code that forgets ensureBucket fails here too.
            throw new NoSuchFileException(bucket, null, "bucket does not exist under " + root);
        }
        return dir;
    }

    private Path objectPath(String bucket, String key) throws IOException {
        Path bucketDir = bucketDir(bucket);
        Path path = bucketDir.resolve(ObjectKeys.validate(key)).normalize();
        if (!path.startsWith(bucketDir) || path.equals(bucketDir)) {
            throw new IllegalArgumentException("object key '" + key + "' escapes bucket " + bucket);
        }
        return path;
    }

    private Path existingObject(String bucket, String key) throws IOException {
        Path path = objectPath(bucket, key);
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(bucket + "/" + key, null, "no such object");
        }
        return path;
    }

    private static String keyOf(Path bucketDir, Path file) {
        Path relative = bucketDir.relativize(file);
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }
}
