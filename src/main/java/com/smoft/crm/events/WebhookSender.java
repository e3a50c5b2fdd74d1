package com.smoft.crm.events;

import com.smoft.crm.scoring.InputField;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLException;

/**
 * POSTs an event to a webhook, signed as the Standard Webhooks specification says: headers {@code webhook-id} (the
 * event's id, the same at every attempt), {@code webhook-timestamp} (seconds since the epoch, of this attempt) and
 * {@code webhook-signature}. Redirects are never followed (a 3xx is a failure, retried): a receiver cannot send the
 * service's requests elsewhere. Each attempt has the whole {@code crm.events.timeout} at most; within it, it is sent
 * once more at once when the connection it reused was closed under it.
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
        long started = System.nanoTime();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            Duration left = timeout.minusNanos(System.nanoTime() - started);
            if (!lostConnection(e) || left.isNegative() || left.isZero()) {
                throw e;
            }
            // A kept-alive connection the receiver closed as it was reused (idle too long for the receiver, or an
            // HTTP/1.0 server): sent again at once, on a new connection, within what is left of the attempt's time.
            HttpRequest again = HttpRequest.newBuilder(request, (name, value) -> true)
                    .timeout(left)
                    .build();
            return client.send(again, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /** Whether an attempt failed on a connection lost before any answer: not refused, unknown, TLS or timed out. */
    private static boolean lostConnection(IOException e) {
        return !(e instanceof HttpTimeoutException
                || caused(e, ConnectException.class)
                || caused(e, UnknownHostException.class)
                || caused(e, UnresolvedAddressException.class)
                || caused(e, SSLException.class));
    }

    /**
     * Why an attempt got no answer, in words a reader acts on: the receiver's {@code host:port} and what failed
     * ({@code connection refused}, {@code no answer within 10 s}, ...), never a class name or a stack trace.
     */
    String failure(URI url, IOException e) {
        return failure(url, e, timeout);
    }

    static String failure(URI url, IOException e, Duration timeout) {
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        String where = url.getHost() + ":" + port + ": ";
        if (e instanceof HttpConnectTimeoutException) {
            return where + "no connection within " + seconds(timeout);
        }
        if (e instanceof HttpTimeoutException) {
            return where + "no answer within " + seconds(timeout);
        }
        if (caused(e, ConnectException.class)) {
            return where + "connection refused";
        }
        if (caused(e, UnknownHostException.class) || caused(e, UnresolvedAddressException.class)) {
            return where + "unknown host";
        }
        if (caused(e, SSLException.class)) {
            return where + "TLS handshake failed";
        }
        Throwable deepest = e;
        while (deepest.getCause() != null) {
            deepest = deepest.getCause();
        }
        // The message may quote what the receiver sent (a status line): a short excerpt, without control characters,
        // for the outbox and the log.
        return deepest.getMessage() == null
                ? where + "connection failed"
                : where + InputField.excerpt(deepest.getMessage()).replaceAll("\\p{Cntrl}", "?");
    }

    private static boolean caused(Throwable e, Class<? extends Throwable> kind) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    void close() {
        client.close();
        executor.shutdown();
    }
}
