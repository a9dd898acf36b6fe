package dev.docent.ingest.original;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Originals in an S3-compatible object store (AWS S3, MinIO, Ceph, ...) through the AWS SDK for Java v2, switched on
 * by {@code docent.originals.store=s3}: bucket {@code docent.originals.s3.bucket}, optional endpoint (path-style
 * addressing then, as most S3-compatible servers want), region, and keys (else the SDK's default chain:
 * environment, profile, instance role). The settings are read per call, and a client is built again when they
 * change, so that the store can be switched without a restart.
 */
@ApplicationScoped
public class S3ObjectStore implements ObjectStore {

    private record Settings(String bucket, Optional<String> endpoint, String region, Optional<String> accessKey,
                            Optional<String> secretKey) {
    }

    private final Config config;
    private Settings built;
    private S3Client client;

    @Inject
    public S3ObjectStore(Config config) {
        this.config = config;
    }

    /** For CDI's client proxy only. */
    protected S3ObjectStore() {
        this(null);
    }

    @Override
    public boolean enabled() {
        return "s3".equalsIgnoreCase(config.getOptionalValue("docent.originals.store", String.class).orElse("postgres"));
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        Settings settings = settings();
        client(settings).putObject(put -> put.bucket(settings.bucket()).key(key).contentType(contentType)
                .contentLength((long) content.length), RequestBody.fromBytes(content));
    }

    @Override
    public byte[] get(String key) {
        Settings settings = settings();
        return client(settings).getObjectAsBytes(get -> get.bucket(settings.bucket()).key(key)).asByteArray();
    }

    @Override
    public void delete(String key) {
        Settings settings = settings();
        client(settings).deleteObject(delete -> delete.bucket(settings.bucket()).key(key));
    }

    private Settings settings() {
        String bucket = config.getOptionalValue("docent.originals.s3.bucket", String.class)
                .orElseThrow(() -> new IllegalStateException("docent.originals.s3.bucket is not set"));
        return new Settings(bucket, config.getOptionalValue("docent.originals.s3.endpoint", String.class),
                config.getOptionalValue("docent.originals.s3.region", String.class).orElse("us-east-1"),
                config.getOptionalValue("docent.originals.s3.access-key-id", String.class),
                config.getOptionalValue("docent.originals.s3.secret-access-key", String.class));
    }

    private synchronized S3Client client(Settings settings) {
        if (client == null || !settings.equals(built)) {
            if (client != null) {
                client.close();
            }
            AwsCredentialsProvider credentials = settings.accessKey().isPresent() && settings.secretKey().isPresent()
                    ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey().get(),
                    settings.secretKey().get()))
                    : DefaultCredentialsProvider.builder().build();
            S3ClientBuilder builder = S3Client.builder()
                    .region(Region.of(settings.region()))
                    .credentialsProvider(credentials)
                    .httpClientBuilder(UrlConnectionHttpClient.builder()
                            .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(60)));
            settings.endpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint))
                    .forcePathStyle(true));
            client = builder.build();
            built = settings;
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
