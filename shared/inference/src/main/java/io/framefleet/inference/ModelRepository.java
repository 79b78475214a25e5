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
import java.util.Optional;

/**
 * Where models come from: the defaults bundled on the class path ({@code framefleet/models/<name>/model.json}), a
 * local folder ({@code <folder>/<name>/model.json}), or an object-store bucket and prefix
 * ({@code <prefix>/<name>/model.json}). Every source hands out a local folder holding the verified model file:
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
        return source.descriptor(name);
    }

    /** The model, verified against its digest; {@link InvalidModelException} when absent or damaged. */
    public LocalModel resolve(String name) {
        ModelDescriptor d = find(name).orElseThrow(() -> new InvalidModelException(
                "no model " + name + " in " + source.describe()));
        if (!d.name().equals(name)) {
            throw new InvalidModelException(source.describe() + ": folder " + name + " holds a descriptor named "
                    + d.name());
        }
        Path file = source.local(d, cache);
        d.verify(file);
        return new LocalModel(d, file);
    }

    @Override
    public String toString() {
        return source.describe();
    }

    /** A model ready to load: its descriptor and the verified TorchScript file. */
    public record LocalModel(ModelDescriptor descriptor, Path file) {
    }

    private interface Source {
        Optional<ModelDescriptor> descriptor(String name);

        Path local(ModelDescriptor d, Path cache);

        String describe();
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

    private static Path cacheTarget(Path cache, ModelDescriptor d) {
        if (cache == null) {
            throw new IllegalStateException("this repository needs a cache folder");
        }
        return cache.resolve(d.name()).resolve(d.sha256()).resolve(d.file());
    }

    private record ClasspathSource(ClassLoader loader) implements Source {
        @Override
        public Optional<ModelDescriptor> descriptor(String name) {
            String resource = CLASSPATH_ROOT + name + "/" + DESCRIPTOR;
            try (InputStream in = loader.getResourceAsStream(resource)) {
                return in == null ? Optional.empty() : Optional.of(ModelDescriptor.parse(in, "classpath:" + resource));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Path local(ModelDescriptor d, Path cache) {
            String resource = CLASSPATH_ROOT + d.name() + "/" + d.file();
            return cacheCopy(tmp -> {
                try (InputStream in = loader.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new InvalidModelException("classpath:" + resource + " is missing");
                    }
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
            }, cacheTarget(cache, d));
        }

        @Override
        public String describe() {
            return "the bundled models (classpath:" + CLASSPATH_ROOT + ")";
        }
    }

    private record FolderSource(Path folder) implements Source {
        @Override
        public Optional<ModelDescriptor> descriptor(String name) {
            Path json = folder.resolve(name).resolve(DESCRIPTOR);
            return Files.isRegularFile(json) ? Optional.of(ModelDescriptor.parse(json)) : Optional.empty();
        }

        @Override
        public Path local(ModelDescriptor d, Path cache) {
            return folder.resolve(d.name()).resolve(d.file());
        }

        @Override
        public String describe() {
            return "model folder " + folder;
        }
    }

    private record BucketSource(ObjectStore store, String bucket, String prefix) implements Source {
        @Override
        public Optional<ModelDescriptor> descriptor(String name) {
            String key = prefix + name + "/" + DESCRIPTOR;
            try {
                if (store.head(bucket, key).isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(ModelDescriptor.parse(new ByteArrayInputStream(store.read(bucket, key)),
                        bucket + "/" + key));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + bucket + "/" + key, e);
            }
        }

        @Override
        public Path local(ModelDescriptor d, Path cache) {
            String key = prefix + d.name() + "/" + d.file();
            Path target = cacheTarget(cache, d);
            if (!Files.isRegularFile(target)) {
                LOG.infof("downloading model %s from %s/%s", d.tag(), bucket, key);
            }
            return cacheCopy(tmp -> store.download(bucket, key, tmp), target);
        }

        @Override
        public String describe() {
            return "bucket " + bucket + "/" + prefix;
        }
    }
}
