package io.framefleet.inference;

import io.framefleet.storage.ObjectStore;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where models come from: the defaults bundled on the class path ({@code framefleet/models/<name>/model.json}), a
 * local folder ({@code <folder>/<name>/model.json}), or an object-store bucket and prefix
 * ({@code <prefix>/<name>/model.json}). A model is one file ({@link #resolve}) or a bundle of several
 * ({@link #resolveBundle}). Every source hands out local, verified files:
 * class-path and bucket models are copied once into a cache folder keyed by their digest, so a worker that
 * restarts does not download again, and a changed model lands beside the old one rather than over it.
 */
public final class ModelRepository {

    private static final Logger LOG = Logger.getLogger(ModelRepository.class);
    static final String CLASSPATH_ROOT = "framefleet/models/";
    static final String DESCRIPTOR = "model.json";

    private final Source source;
    private final Path cache;

    private ModelRepository(Source source, Path cache) {
        this.source = source;
        this.cache = cache;
    }

    /** The models bundled with the application, copied into {@code cache} when first used. */
    public static ModelRepository classpath(Path cache) {
        return new ModelRepository(new ClasspathSource(Thread.currentThread().getContextClassLoader()), cache);
    }

    /** Models in {@code folder}, used in place. */
    public static ModelRepository folder(Path folder) {
        return new ModelRepository(new FolderSource(folder), null);
    }

    /** Models under {@code prefix} in {@code bucket}, downloaded into {@code cache} once per digest. */
    public static ModelRepository objectStore(ObjectStore store, String bucket, String prefix, Path cache) {
        String p = prefix == null || prefix.isBlank() ? "" : prefix.endsWith("/") ? prefix : prefix + "/";
        return new ModelRepository(new BucketSource(store, bucket, p), cache);
    }

    /** The descriptor of {@code name}, or empty when this repository does not hold it. */
    public Optional<ModelDescriptor> find(String name) {
        return source.open(name, DESCRIPTOR).map(in -> {
            try (InputStream json = in.stream()) {
                return ModelDescriptor.parse(json, in.origin());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + in.origin(), e);
            }
        });
    }

    /** The model, verified against its digest; {@link InvalidModelException} when absent or damaged. */
    public LocalModel resolve(String name) {
        ModelDescriptor d = find(name).orElseThrow(() -> new InvalidModelException(
                "no model " + name + " in " + source.describe()));
        if (!d.name().equals(name)) {
            throw new InvalidModelException(source.describe() + ": folder " + name + " holds a descriptor named "
                    + d.name());
        }
        Path file = source.local(d.name(), d.file(), d.sha256(), cache);
        d.verify(file);
        return new LocalModel(d, file);
    }

    /**
     * The descriptor of the bundle {@code name} (a model of several files), or empty when this repository does not
     * hold it; {@link InvalidModelException} when it is malformed or of another task.
     */
    public Optional<BundleDescriptor> findBundle(String name, String task) {
        return source.open(name, DESCRIPTOR).map(in -> {
            try (InputStream json = in.stream()) {
                return BundleDescriptor.parse(json, in.origin(), task);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + in.origin(), e);
            }
        });
    }

    /**
     * The bundle with every file local and verified against its digest; {@link InvalidModelException} when absent,
     * of another task, or any file is missing or damaged. Files are cached one by one under their own digests, so a
     * new bundle that changes one file downloads only that file.
     */
    public LocalBundle resolveBundle(String name, String task) {
        BundleDescriptor d = findBundle(name, task).orElseThrow(() -> new InvalidModelException(
                "no model " + name + " in " + source.describe()));
        if (!d.name().equals(name)) {
            throw new InvalidModelException(source.describe() + ": folder " + name + " holds a descriptor named "
                    + d.name());
        }
        Map<String, Path> files = new LinkedHashMap<>();
        for (BundleDescriptor.BundleFile f : d.files().values()) {
            Path local = source.local(d.name(), f.file(), f.sha256(), cache);
            f.verify(d.name(), local);
            files.put(f.role(), local);
        }
        return new LocalBundle(d, files);
    }

    @Override
    public String toString() {
        return source.describe();
    }

    /** A model ready to load: its descriptor and the verified TorchScript file. */
    public record LocalModel(ModelDescriptor descriptor, Path file) {
    }

    /** A bundle ready to load: its descriptor and each verified file by role. */
    public record LocalBundle(BundleDescriptor descriptor, Map<String, Path> files) {

        public LocalBundle {
            files = Map.copyOf(files);
        }

        /** The local file of {@code role}; {@link InvalidModelException} when the bundle has none. */
        public Path file(String role) {
            descriptor.file(role);
            return files.get(role);
        }
    }

    private interface Source {
        /** {@code <name>/<file>} of this source, or empty when it is not there. */
        Optional<Readable> open(String name, String file);

        /** {@code <name>/<file>} as a local file, copied into {@code cache} under its digest when not local already. */
        Path local(String name, String file, String sha256, Path cache);

        String describe();
    }

    /** An opened file of a source and how error messages name it. */
    private record Readable(InputStream stream, String origin) {
    }

    /** Copies {@code in} to {@code target} through a temporary file, so a crash never leaves half a model. */
    private static Path cacheCopy(InputStreamSupplier in, Path target) {
        try {
            if (Files.isRegularFile(target) && ModelDescriptor.sha256Of(target).equals(target.getParent().getFileName().toString())) {
                return target;
            }
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "download", ".part");
            try {
                in.copyTo(tmp);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cache model file " + target, e);
        }
    }

    private interface InputStreamSupplier {
        void copyTo(Path tmp) throws IOException;
    }

    private static Path cacheTarget(Path cache, String name, String file, String sha256) {
        if (cache == null) {
            throw new IllegalStateException("this repository needs a cache folder");
        }
        return cache.resolve(name).resolve(sha256).resolve(file);
    }

    private record ClasspathSource(ClassLoader loader) implements Source {
        @Override
        public Optional<Readable> open(String name, String file) {
            String resource = CLASSPATH_ROOT + name + "/" + file;
            InputStream in = loader.getResourceAsStream(resource);
            return in == null ? Optional.empty() : Optional.of(new Readable(in, "classpath:" + resource));
        }

        @Override
        public Path local(String name, String file, String sha256, Path cache) {
            String resource = CLASSPATH_ROOT + name + "/" + file;
            return cacheCopy(tmp -> {
                try (InputStream in = loader.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new InvalidModelException("classpath:" + resource + " is missing");
                    }
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
            }, cacheTarget(cache, name, file, sha256));
        }

        @Override
        public String describe() {
            return "the bundled models (classpath:" + CLASSPATH_ROOT + ")";
        }
    }

    private record FolderSource(Path folder) implements Source {
        @Override
        public Optional<Readable> open(String name, String file) {
            Path path = folder.resolve(name).resolve(file);
            if (!Files.isRegularFile(path)) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Readable(Files.newInputStream(path), path.toString()));
            } catch (IOException e) {
                throw new InvalidModelException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }

        @Override
        public Path local(String name, String file, String sha256, Path cache) {
            return folder.resolve(name).resolve(file);
        }

        @Override
        public String describe() {
            return "model folder " + folder;
        }
    }

    private record BucketSource(ObjectStore store, String bucket, String prefix) implements Source {
        @Override
        public Optional<Readable> open(String name, String file) {
            String key = prefix + name + "/" + file;
            try {
                if (store.head(bucket, key).isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new Readable(new ByteArrayInputStream(store.read(bucket, key)), bucket + "/" + key));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + bucket + "/" + key, e);
            }
        }

        @Override
        public Path local(String name, String file, String sha256, Path cache) {
            String key = prefix + name + "/" + file;
            Path target = cacheTarget(cache, name, file, sha256);
            if (!Files.isRegularFile(target)) {
                LOG.infof("downloading %s (%s) from %s/%s", file, sha256.substring(0, 12), bucket, key);
            }
            return cacheCopy(tmp -> store.download(bucket, key, tmp), target);
        }

        @Override
        public String describe() {
            return "bucket " + bucket + "/" + prefix;
        }
    }
}
