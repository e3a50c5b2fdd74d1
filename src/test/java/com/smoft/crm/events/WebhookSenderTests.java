package com.smoft.crm.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.scoring.InputField;
import com.smoft.crm.system.CrmProperties;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WebhookSenderTests {

    private static final String SECRET = "whsec_" + "A".repeat(32);
    private static final URI URL = URI.create("https://crm.example.com/hooks/smoft");

    @Test
    void shouldSayWhatFailedInWordsWithTheReceiversHostAndPort() {
        Duration timeout = Duration.ofSeconds(10);

        assertThat(WebhookSender.failure(URL, new ConnectException(), timeout))
                .isEqualTo("crm.example.com:443: connection refused");
        assertThat(WebhookSender.failure(URL, new IOException(new ConnectException()), timeout))
                .isEqualTo("crm.example.com:443: connection refused");
        assertThat(WebhookSender.failure(URL, new HttpTimeoutException("request timed out"), timeout))
                .isEqualTo("crm.example.com:443: no answer within 10 s");
        assertThat(WebhookSender.failure(
                        URI.create("http://127.0.0.1:18300/"), new HttpConnectTimeoutException("x"), timeout))
                .isEqualTo("127.0.0.1:18300: no connection within 10 s");
    }

    @Test
    void shouldQuoteAtMostAShortPrintableExcerptOfWhatAReceiverSent() {
        String statusLine = "Invalid status line: \"HTTP/1.1 200 \u001b[2J\rFAKE LOG LINE" + "x".repeat(100_000) + "\"";
        String said = WebhookSender.failure(URL, new IOException(statusLine), Duration.ofSeconds(10));

        assertThat(said).startsWith("crm.example.com:443: Invalid status line: \"HTTP/1.1 200 ?[2J?FAKE LOG LINE");
        assertThat(said)
                .doesNotContainPattern("\\p{Cntrl}")
                .hasSizeLessThanOrEqualTo(
                        "crm.example.com:443: ".length() + InputField.MAX_ECHOED_LENGTH + "...".length());
    }

    @Test
    void shouldSendAgainAtOnceWhenTheReceiverClosesAKeptAliveConnectionUnderIt() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Answers each connection's first request as HTTP/1.1 (so the client keeps it), then closes it as soon
            // as the next request begins: what a receiver closing idle connections does at the wrong moment.
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (Socket connection = server.accept()) {
                        InputStream in = connection.getInputStream();
                        readRequest(in);
                        connection
                                .getOutputStream()
                                .write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        answered.incrementAndGet();
                        in.read();
                    } catch (IOException closed) {
                        // the test is over
                    }
                }
            });
            URI url = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/hooks");
            CrmProperties.Events.Webhook settings =
                    new CrmProperties.Events.Webhook(url.toString(), SECRET, List.of(), List.of());
            Subscriptions.Webhook webhook = new Subscriptions.Webhook(
                    Subscriptions.targetOf(url.toString()), url, new WebhookSignature(SECRET), settings);
            WebhookSender sender = new WebhookSender(Duration.ofSeconds(5));
            try {
                assertThat(sender.send(webhook, "evt_1", "{}", Instant.now())).isEqualTo(204);
                assertThat(sender.send(webhook, "evt_2", "{}", Instant.now()))
                        .as("the second, on the kept connection, closed under it, then sent again")
                        .isEqualTo(204);
            } finally {
                sender.close();
            }
        }
        assertThat(answered).hasValue(2);
    }

    /** Reads a request's head and its body, as long as its content-length says. */
    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("closed");
            }
            head.write(next);
        }
        int length = head.toString(StandardCharsets.US_ASCII)
                .lines()
                .filter(line -> line.toLowerCase().startsWith("content-length:"))
                .mapToInt(line -> Integer.parseInt(
                        line.substring("content-length:".length()).trim()))
                .findFirst()
                .orElse(0);
        in.readNBytes(length);
    }
}
