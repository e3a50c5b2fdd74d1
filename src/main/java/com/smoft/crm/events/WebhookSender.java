package com.smoft.crm.events;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * POSTs an event to a webhook, signed as the Standard Webhooks specification says: headers {@code webhook-id} (the
 * event's id, the same at every attempt), {@code webhook-timestamp} (seconds since the epoch, of this attempt) and
 * {@code webhook-signature}. Redirects are never followed (a 3xx is a failure, retried): a receiver cannot send the
 * service's requests elsewhere. Each attempt has the whole {@code crm.events.timeout} at most.
 */
final class WebhookSender {

    /** The client's own threads (answers, connections): bounded, rather than the JDK's default cached pool. */
    private static final int CLIENT_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final ExecutorService executor;
    private final HttpClient client;
    private final Duration timeout;

    WebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.executor = Executors.newFixedThreadPool(
                CLIENT_THREADS,
                Thread.ofPlatform().name("events-http-", 0).daemon().factory());
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .executor(executor)
                .build();
    }

    /**
     * One attempt.
     *
     * @return the HTTP status answered
     * @throws IOException when no answer came (refused, reset, timed out)
     */
    int send(Subscriptions.Webhook webhook, String eventId, String payload, Instant now)
            throws IOException, InterruptedException {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        long timestamp = now.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(webhook.url())
                // Plain HTTP: HTTP/1.1 with kept-alive connections, never an h2c upgrade attempt per connection;
                // HTTPS negotiates HTTP/2 where the receiver offers it.
                .version(
                        "http".equalsIgnoreCase(webhook.url().getScheme())
                                ? HttpClient.Version.HTTP_1_1
                                : HttpClient.Version.HTTP_2)
                .timeout(timeout)
                .header("content-type", "application/json")
                .header("user-agent", "smoft-crm-intelligent-webhooks")
                .header("webhook-id", eventId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", webhook.signature().sign(eventId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    void close() {
        client.close();
        executor.shutdown();
    }
}
