package io.edgeai.gateway.client;

import io.edgeai.contracts.security.InternalCredential;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Posts one spooled storage batch to a data-shard instance with the internal credential; blocking, called from a
 * delivery lane's own thread. It uses the JDK's client rather than the downstream WebClient on purpose: deliveries
 * then never wait for a connection of the pool the replies' stage calls use, nor for the event loops serving them.
 */
@Component
public class DataShardWriter {

    /** What became of one attempt. */
    public enum Outcome {
        /** Stored (or already stored: batch ids make retries idempotent). */
        STORED,
        /** Not reachable or failing: try again later. */
        RETRY,
        /** Refused for good (4xx): retrying cannot help. */
        REJECTED
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final InternalCredential credential;

    public DataShardWriter(InternalCredential credential) {
        this.credential = credential;
    }

    /** One attempt; {@code detail} receives the refusal text when the answer is REJECTED. */
    public Outcome write(URI owner, byte[] batchJson, StringBuilder detail) {
        HttpRequest.Builder request = HttpRequest.newBuilder(owner.resolve("/api/v1/storage/batches"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batchJson));
        if (credential.enforced()) {
            request.header(InternalCredential.HEADER, credential.token());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return Outcome.STORED;
            }
            if (status >= 400 && status < 500 && status != 408 && status != 429 && status != 421) {
                detail.append(status).append(' ').append(response.body());
                return Outcome.REJECTED;
            }
            return Outcome.RETRY;
        } catch (IOException e) {
            return Outcome.RETRY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.RETRY;
        }
    }
}
