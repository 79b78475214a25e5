package io.framefleet.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which object store a service talks to. Services fill it from their own configuration and hand
 * it to {@link ObjectStores#open}.
 *
 * @param type       {@value #LOCAL} (a directory, the embedded default) or {@value #S3}
 * @param localRoot  directory holding one folder per bucket; required for {@value #LOCAL}
 * @param endpoint   S3 endpoint (MinIO, Ceph, S3Mock); null means AWS for {@code region}
 * @param region     signing region; defaults to {@value #DEFAULT_REGION}
 * @param pathStyle  address buckets as {@code endpoint/bucket/key} instead of
 *                   {@code bucket.endpoint/key}; most self-hosted servers need it
 * @param accessKey  static access key; null means the SDK's default chain (AWS_ACCESS_KEY_ID and
 *                   AWS_SECRET_ACCESS_KEY, system properties, profile, web identity, instance role)
 * @param secretKey  static secret key, set exactly when {@code accessKey} is
 */
public record StorageSettings(String type, Path localRoot, URI endpoint, String region, boolean pathStyle,
                              String accessKey, String secretKey) {

    public static final String LOCAL = "local";
    public static final String S3 = "s3";
    public static final String DEFAULT_REGION = "us-east-1";

    public StorageSettings {
        type = type == null || type.isBlank() ? LOCAL : type.trim().toLowerCase(Locale.ROOT);
        if (!type.equals(LOCAL) && !type.equals(S3)) {
            throw new IllegalArgumentException("storage type must be '" + LOCAL + "' or '" + S3 + "', not '" + type + "'");
        }
        if (type.equals(LOCAL) && localRoot == null) {
            throw new IllegalArgumentException("local storage needs a root directory");
        }
        region = region == null || region.isBlank() ? DEFAULT_REGION : region.trim();
        accessKey = blankToNull(accessKey);
        secretKey = blankToNull(secretKey);
        if ((accessKey == null) != (secretKey == null)) {
            // Half a key pair would silently fall back to the default chain and sign as someone else.
            throw new IllegalArgumentException("set both the S3 access key and the secret key, or neither");
        }
    }

    public static StorageSettings local(Path root) {
        return new StorageSettings(LOCAL, root, null, null, false, null, null);
    }

    /** S3 with credentials from the SDK's default provider chain. */
    public static StorageSettings s3(URI endpoint, String region, boolean pathStyle) {
        return new StorageSettings(S3, null, endpoint, region, pathStyle, null, null);
    }

    public StorageSettings withStaticCredentials(String accessKey, String secretKey) {
        return new StorageSettings(type, localRoot, endpoint, region, pathStyle, accessKey, secretKey);
    }

    public boolean isLocal() {
        return type.equals(LOCAL);
    }

    public boolean hasStaticCredentials() {
        return accessKey != null;
    }

    /** Settings end up in startup logs: never print the secret. */
    @Override
    public String toString() {
        return "StorageSettings[type=" + type + ", localRoot=" + localRoot + ", endpoint=" + endpoint
                + ", region=" + region + ", pathStyle=" + pathStyle + ", accessKey=" + accessKey
                + ", secretKey=" + (secretKey == null ? "null" : "***") + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
