package io.edgeai.contracts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A container health check for images without a shell or curl:
 * {@code java -cp @/app/jib-classpath-file io.edgeai.contracts.HealthProbe http://localhost:8080/actuator/health/readiness}
 * exits 0 when the URL answers 200 within two seconds, 1 otherwise.
 *
 * <p>With {@code --post <json>} (and any number of {@code --header Name=value}) it POSTs the JSON instead and exits 0
 * on any 2xx within ten seconds, printing the answer: the chart's {@code helm test} sends one reading through the
 * gateway that way, from the gateway's own image.
 */
public final class HealthProbe {

    private HealthProbe() {
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "http://localhost:8080/actuator/health/readiness";
        try {
            HttpRequest request = request(url, args);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            if (request.method().equals("GET")) {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                System.exit(response.statusCode() == 200 ? 0 : 1);
            }
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            System.out.println(request.method() + " " + url + " -> " + response.statusCode() + " " + response.body());
            System.exit(response.statusCode() / 100 == 2 ? 0 : 1);
        } catch (Exception e) {
            System.err.println("health probe of " + url + " failed: " + e);
            System.exit(1);
        }
    }

    static HttpRequest request(String url, String[] args) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET();
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--post" -> request.timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(args[i + 1]));
                case "--header" -> {
                    int eq = args[i + 1].indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("--header needs Name=value, got " + args[i + 1]);
                    }
                    request.header(args[i + 1].substring(0, eq), args[i + 1].substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return request.build();
    }
}
