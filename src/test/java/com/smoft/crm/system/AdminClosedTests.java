package com.smoft.crm.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.LocalService;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The default set-up: scoring open as the original was, administration closed to everyone. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminClosedTests {

    private final LocalService service;

    AdminClosedTests(@LocalServerPort int port) {
        this.service = new LocalService(port);
    }

    @Test
    void shouldCloseAdministrationWithAProblemNamingTheSettingThatOpensIt() throws Exception {
        for (String path : SecurityConfigurationTests.API_SPELLINGS) {
            if (URI.create(path).getPath().contains("admin")) {
                HttpResponse<String> response =
                        service.send(service.request(path).POST(HttpRequest.BodyPublishers.ofString("reload please")));
                assertThat(response.statusCode()).as(path).isEqualTo(403);
                assertThat(response.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(response.body())
                        .contains("crm.security.admin-api-keys")
                        .contains("\"type\"")
                        .contains("\"title\"");
            }
        }
    }

    @Test
    void shouldKeepScoringOpenWithoutKeys() throws Exception {
        HttpResponse<String> stats = service.get("/api/stats");
        assertThat(stats.statusCode()).isEqualTo(200);
    }
}
