package dev.docent.it;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Adobe's S3Mock, run from its jar as a separate process: a real S3-compatible server on a local port. */
public final class S3Server implements AutoCloseable {

    public static final String BUCKET = "docent-originals";
    private static final int PORT = 9390;

    private final Process process;
    private final Path root;

    private S3Server(Process process, Path root) {
        this.process = process;
        this.root = root;
    }

    public static S3Server start() {
        File jar = new File(System.getProperty("docent.it.s3mock.jar", "target/s3mock/s3mock.jar"));
        try {
            Path root = Files.createTempDirectory("s3mock");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar.getAbsolutePath(),
                    "--com.adobe.testing.s3mock.http-port=" + PORT, "--server.port=" + (PORT + 1),
                    "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
                    "--com.adobe.testing.s3mock.store.root=" + root))
                    .redirectErrorStream(true).redirectOutput(root.resolveSibling(root.getFileName() + ".log").toFile())
                    .start();
            S3Server server = new S3Server(process, root);
            server.awaitUp();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start S3Mock from " + jar, e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + PORT;
    }

    /** A client of this server, as Docent is configured to be. */
    public S3Client client() {
        return S3Client.builder().endpointOverride(URI.create(endpoint())).forcePathStyle(true)
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    private void awaitUp() {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<Void> reply = http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/" + BUCKET))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (reply.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Ingestion.sleep(500);
        }
        close();
        throw new IllegalStateException("S3Mock did not start; see " + root + ".log");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
