package com.smoft.crm.system;

import static com.smoft.crm.scoring.TestCustomers.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smoft.crm.CrmApplication;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A stop as Kubernetes sends it: readiness DOWN first, requests still answered during the drain, then the port closes. */
class ReadinessDrainTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldTurnReadinessDownThenKeepAnsweringForTheDrainBeforeClosing() throws Exception {
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(CrmApplication.class).run("--server.port=0", "--crm.shutdown.drain=1s");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        assertThat(status(port, "/actuator/health/readiness")).isEqualTo(200);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(context::close);
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (status(port, "/actuator/health/readiness") != 503 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(status(port, "/actuator/health/readiness")).isEqualTo(503);
        assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);
        HttpResponse<String> scored = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/score"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(CUSTOMER))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scored.statusCode()).isEqualTo(200);
        assertThat(stopping).isNotDone();

        stopping.get();
        assertThatThrownBy(() -> status(port, "/health")).hasCauseInstanceOf(ConnectException.class);
    }

    private int status(int port, String path) throws Exception {
        try (HttpClient fresh = HttpClient.newHttpClient()) {
            return fresh.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
    }
}
