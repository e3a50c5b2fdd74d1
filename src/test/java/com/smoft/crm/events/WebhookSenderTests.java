package com.smoft.crm.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSenderTests {

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
}
