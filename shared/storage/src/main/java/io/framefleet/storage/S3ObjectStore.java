package io.framefleet.storage;

import io.framefleet.contracts.ObjectRef;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Any S3 endpoint (AWS, MinIO, Ceph, S3Mock) through the SDK's synchronous client. Every failure
 * surfaces as an IOException, a missing bucket or object as {@link NoSuchFileException}, so
 * callers classify errors the same way for both stores.
 */
public final class S3ObjectStore implements ObjectStore {

    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
    static final int DEFAULT_LIST_PAGE_SIZE = 1000;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final S3Upload upload;
    private final int listPageSize;
    private final String region;

    public S3ObjectStore(StorageSettings settings) {
        this(settings, DEFAULT_PART_SIZE, DEFAULT_LIST_PAGE_SIZE);
    }

    /** Smaller list pages let tests cross page boundaries without thousands of objects. */
    S3ObjectStore(StorageSettings settings, long partSize, int listPageSize) {
        AwsCredentialsProvider credentials = settings.hasStaticCredentials()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()))
                : DefaultCredentialsProvider.builder().build();
        Region signingRegion = Region.of(settings.region());
        S3ClientBuilder client = S3Client.builder()
                .region(signingRegion)
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                // Checksums only where the API demands them: the SDK's default trailing CRCs are
                // refused by several S3-compatible servers and break hand-made multipart uploads;
                // end-to-end integrity is the sha256 we store and verify on download instead.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)));
        S3Presigner.Builder presign = S3Presigner.builder()
                .region(signingRegion)
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        if (settings.endpoint() != null) {
            client.endpointOverride(settings.endpoint());
            presign.endpointOverride(settings.endpoint());
        }
        this.s3 = client.build();
        this.presigner = presign.build();
        this.upload = new S3Upload(s3, partSize);
        this.listPageSize = listPageSize;
        this.region = settings.region();
    }

    @Override
    public void ensureBucket(String bucket) throws IOException {
        ObjectKeys.validateBucket(bucket);
        call("create bucket", bucket, "", () -> {
            try {
                s3.headBucket(b -> b.bucket(bucket));
                return null;
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
            }
            try {
                // Outside us-east-1, AWS refuses a bucket whose location differs from the endpoint's.
                s3.createBucket(b -> {
                    b.bucket(bucket);
                    if (!region.equals(StorageSettings.DEFAULT_REGION)) {
                        b.createBucketConfiguration(c -> c.locationConstraint(region));
                    }
                });
            } catch (BucketAlreadyOwnedByYouException createdMeanwhile) {
                // Another worker won the race; the bucket exists, which is all that was asked.
            }
            return null;
        });
    }

    @Override
    public ObjectRef put(String bucket, String key, Path file) throws IOException {
        validate(bucket, key);
        return call("upload", bucket, key, () -> upload.put(bucket, key, file));
    }

    @Override
    public ObjectRef put(String bucket, String key, byte[] content, String contentType) throws IOException {
        validate(bucket, key);
        String sha256 = Sha256.of(content);
        call("put", bucket, key, () -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType)
                .metadata(Map.of(S3Upload.SHA256_METADATA, sha256)), RequestBody.fromBytes(content)));
        return new ObjectRef(bucket, key, content.length, sha256);
    }

    @Override
    public void download(String bucket, String key, Path target) throws IOException {
        validate(bucket, key);
        call("download", bucket, key, () -> {
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
                VerifiedDownload.write(bucket + "/" + key, in, in.response().contentLength(),
                        in.response().metadata().get(S3Upload.SHA256_METADATA), target);
            }
            return null;
        });
    }

    @Override
    public InputStream open(String bucket, String key) throws IOException {
        validate(bucket, key);
        return call("open", bucket, key, () -> s3.getObject(b -> b.bucket(bucket).key(key)));
    }

    @Override
    public byte[] read(String bucket, String key) throws IOException {
        validate(bucket, key);
        return call("read", bucket, key, () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
    }

    @Override
    public Optional<ObjectInfo> head(String bucket, String key) throws IOException {
        validate(bucket, key);
        try {
            HeadObjectResponse head = call("head", bucket, key, () -> s3.headObject(b -> b.bucket(bucket).key(key)));
            return Optional.of(new ObjectInfo(bucket, key, head.contentLength(), unquote(head.eTag()),
                    head.lastModified()));
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        }
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix) throws IOException {
        ObjectKeys.validateBucket(bucket);
        String validPrefix = ObjectKeys.validatePrefix(prefix);
        return call("list", bucket, validPrefix, () -> {
            List<ObjectInfo> infos = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(validPrefix)
                    .maxKeys(listPageSize)).contents()) {
                infos.add(new ObjectInfo(bucket, object.key(), object.size(), unquote(object.eTag()),
                        object.lastModified()));
            }
            return infos;
        });
    }

    @Override
    public void delete(String bucket, String key) throws IOException {
        validate(bucket, key);
        call("delete", bucket, key, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    @Override
    public URI presign(String bucket, String key, Duration validFor) throws IOException {
        validate(bucket, key);
        try {
            return presigner.presignGetObject(p -> p.signatureDuration(validFor)
                    .getObjectRequest(b -> b.bucket(bucket).key(key))).url().toURI();
        } catch (SdkException | URISyntaxException e) {
            throw new IOException("cannot presign " + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    private static void validate(String bucket, String key) {
        ObjectKeys.validateBucket(bucket);
        ObjectKeys.validate(key);
    }

    /** S3 quotes ETags on the wire; references and comparisons want the bare value. */
    private static String unquote(String eTag) {
        return eTag == null ? null : eTag.replace("\"", "");
    }

    private static <T> T call(String action, String bucket, String key, S3Call<T> call) throws IOException {
        String object = key.isEmpty() ? bucket : bucket + "/" + key;
        try {
            return call.run();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw (NoSuchFileException) new NoSuchFileException(object, null, errorCode(e)).initCause(e);
            }
            throw new IOException(action + " " + object + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            // Client-side failures (connection refused, timeouts after the SDK's own retries).
            throw new IOException(action + " " + object + " failed: " + e.getMessage(), e);
        }
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? "not found" : e.awsErrorDetails().errorCode();
    }

    @FunctionalInterface
    private interface S3Call<T> {
        T run() throws IOException;
    }
}
