package com.smoft.crm.system;

import static com.smoft.crm.scoring.TestCustomers.CUSTOMER;
import static com.smoft.crm.scoring.TestCustomers.batchOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.LocalService;
import com.smoft.crm.RawHttp;
import com.smoft.crm.ServiceWithKeys;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Keys for scoring and for administration, over real HTTP, against every spelling of a path Spring routes. */
@ServiceWithKeys
@ExtendWith(OutputCaptureExtension.class)
class SecurityConfigurationTests {

    /** Paths that Spring MVC routes to /api/stats, /api/score, /api/batch_score or the reload. */
    static final List<String> API_SPELLINGS = List.of(
            "/api;/stats",
            "/%61pi/stats",
            "/%61%70%69/score",
            "/api;jsessionid=1/batch_score",
            "/api;x/admin/model/reload",
            "/%61pi/admin/model/reload",
            "/api/stats;x",
            "/api/%73tats",
            "/api;a=b;c=d/stats",
            "/api/admin;x/model/reload",
            "/api/%61dmin/model/reload",
            "/api/admin/model/%72eload",
            "/api/stats",
            "/api/score",
            "/api/batch_score",
            "/api/admin/model/reload");

    private final LocalService service;

    SecurityConfigurationTests(@LocalServerPort int port) {
        this.service = new LocalService(port);
    }

    private HttpResponse<String> post(String path, String key, String contentType, String body) throws Exception {
        HttpRequest.Builder request = service.request(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return service.send(request);
    }

    private HttpResponse<String> call(String path, String key) throws Exception {
        String routed = URI.create(path).getPath();
        String body = routed.contains("batch") ? batchOf(CUSTOMER) : CUSTOMER;
        if (routed.contains("stats")) {
            HttpRequest.Builder get = service.request(path);
            if (key != null) {
                get.header("X-API-Key", key);
            }
            return service.send(get);
        }
        return post(path, key, "application/json", body);
    }

    private int get(String path) throws Exception {
        return service.client()
                .send(service.request(path).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void shouldRefuseEverySpellingOfAnApiPathWithoutAKey() throws Exception {
        List<String> open = new ArrayList<>();
        for (String path : API_SPELLINGS) {
            HttpResponse<String> response = call(path, null);
            if (response.statusCode() != 401
                    || !response.headers()
                            .firstValue("Content-Type")
                            .orElse("")
                            .startsWith("application/problem+json")) {
                open.add(path + " -> " + response.statusCode());
            }
        }
        assertThat(open).isEmpty();
    }

    @Test
    void shouldServeEverySpellingToAScoringKeyButNeverTheAdministration() throws Exception {
        for (String path : API_SPELLINGS) {
            HttpResponse<String> response = call(path, ServiceWithKeys.OTHER_SCORING_KEY);
            if (URI.create(path).getPath().contains("admin")) {
                assertThat(response.statusCode()).as(path).isEqualTo(403);
                assertThat(response.body()).contains("crm.security.admin-api-keys");
            } else {
                assertThat(response.statusCode())
                        .as(path + " " + response.body())
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void shouldLetAnAdminKeyReloadAndScore() throws Exception {
        assertThat(post("/api/admin/model/reload", ServiceWithKeys.ADMIN_KEY, null, "")
                        .statusCode())
                .isEqualTo(200);
        assertThat(call("/api/score", ServiceWithKeys.ADMIN_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseACrossSiteFormPostToTheReloadWhereverTheFormPutsTheKey() throws Exception {
        // A form on another site cannot set a header: it can only put the key in the query or the body, with cookies.
        String key = ServiceWithKeys.ADMIN_KEY;
        HttpResponse<String> form = service.send(HttpRequest.newBuilder(URI.create("http://localhost:" + service.port()
                        + "/api/admin/model/reload?X-API-Key=" + key + "&api_key=" + key + "&key=" + key))
                .header("Origin", "https://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "X-API-Key=" + key)
                .POST(HttpRequest.BodyPublishers.ofString("X-API-Key=" + key + "&api_key=" + key)));
        assertThat(form.statusCode()).as(form.body()).isEqualTo(401);
        // The same origin with the key where only a script allowed by CORS can put it: administration is open here.
        HttpResponse<String> header = service.send(service.request("/api/admin/model/reload")
                .header("Origin", "https://evil.example")
                .header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(header.statusCode()).as(header.body()).isEqualTo(200);
    }

    @Test
    void shouldRefuseAWrongKeyAndNeverLogAnyKey(CapturedOutput output) throws Exception {
        HttpResponse<String> wrong = call("/api/score", "first-key-0124");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("n'est pas valide");
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("ApiKey header=\"X-API-Key\"");
        assertThat(call("/api/score", "").statusCode()).isEqualTo(401);
        assertThat(call("/api/admin/model/reload", "admin-key-8911").statusCode())
                .isEqualTo(401);
        assertThat(output.getAll())
                .doesNotContain("first-key-0124")
                .doesNotContain(ServiceWithKeys.SCORING_KEY)
                .doesNotContain(ServiceWithKeys.OTHER_SCORING_KEY)
                .doesNotContain(ServiceWithKeys.ADMIN_KEY);
    }

    @Test
    void shouldLeaveHealthDocsProbesAndTheWebPageOpen() throws Exception {
        assertThat(get("/health")).isEqualTo(200);
        assertThat(get("/")).isEqualTo(200);
        assertThat(get("/v3/api-docs")).isEqualTo(200);
        assertThat(get("/swagger-ui/index.html")).isEqualTo(200);
        assertThat(get("/actuator/health/readiness")).isEqualTo(200);
        for (String open : SecurityConfiguration.OPEN_API_PATHS) {
            assertThat(get(open)).as(open).isEqualTo(200);
        }
    }

    @Test
    void shouldAskAKeyForTheColumnsOfAHeaderAsForScoring() throws Exception {
        String header = "{\"header\": [\"N° client\"]}";
        assertThat(post("/api/contract/columns", null, "application/json", header)
                        .statusCode())
                .isEqualTo(401);
        assertThat(post("/api/contract/columns", "wrong-key", "application/json", header)
                        .statusCode())
                .isEqualTo(401);
        assertThat(post("/api/contract/columns", ServiceWithKeys.SCORING_KEY, "application/json", header)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void shouldAnswerABrowserPreflightWithoutAKeyAndCreateNoSession() throws Exception {
        HttpResponse<Void> preflight = service.client()
                .send(
                        service.request("/api/score")
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header("Origin", "https://crm.example.com")
                                .header("Access-Control-Request-Method", "POST")
                                .header("Access-Control-Request-Headers", "content-type, x-api-key")
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("*");
        HttpResponse<String> scored = call("/api/score", ServiceWithKeys.SCORING_KEY);
        assertThat(scored.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void shouldSendTheBrowserProtectionHeadersWithThePageAndItsFiles() throws Exception {
        for (String path : List.of("/", "/index.html", "/app.js", "/app.css")) {
            HttpResponse<Void> response =
                    service.client().send(service.request(path).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .hasValue("nosniff");
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValueSatisfying(policy -> assertThat(policy)
                            .contains("default-src 'self'")
                            .contains("frame-ancestors 'none'")
                            .doesNotContain("unsafe"));
            assertThat(response.headers().firstValue("X-Frame-Options"))
                    .as(path)
                    .hasValue("DENY");
        }
        HttpResponse<String> scored = call("/api/score", ServiceWithKeys.SCORING_KEY);
        assertThat(scored.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(scored.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(scored.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'none'");
    }

    private HttpResponse<String> metrics(String header, String value) throws Exception {
        HttpRequest.Builder get = service.request("/actuator/prometheus");
        if (header != null) {
            get.header(header, value);
        }
        return service.send(get);
    }

    @Test
    void shouldKeepTheMetricsBehindAMetricsOrAdminKeyOnceKeysAreSet() throws Exception {
        HttpResponse<String> anonymous = metrics(null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body())
                .contains("crm.security.metrics-api-keys")
                .doesNotContain("crm_customers_scored_total");
        assertThat(metrics("X-API-Key", ServiceWithKeys.SCORING_KEY).statusCode())
                .isEqualTo(403);
        assertThat(metrics("X-API-Key", "wrong-key").statusCode()).isEqualTo(401);
        assertThat(metrics("X-API-Key", ServiceWithKeys.METRICS_KEY).body()).contains("crm_customers_scored_total");
        assertThat(metrics("Authorization", "Bearer " + ServiceWithKeys.METRICS_KEY)
                        .statusCode())
                .isEqualTo(200);
        assertThat(metrics("X-API-Key", ServiceWithKeys.ADMIN_KEY).statusCode()).isEqualTo(200);
        // A metrics key reads the metrics only.
        HttpResponse<String> score = post("/api/score", ServiceWithKeys.METRICS_KEY, "application/json", CUSTOMER);
        assertThat(score.statusCode()).isEqualTo(403);
        assertThat(score.body()).contains("crm.security.api-keys");
        assertThat(get("/actuator/health/liveness")).isEqualTo(200);
    }

    @Test
    void shouldAnswerAKeylessTrickleAtOnceAndCloseItsConnectionAfterTheGrace() throws Exception {
        RawHttp.Trickled trickled = RawHttp.trickle(
                service.port(),
                "POST /api/score HTTP/1.1\r\n"
                        + "Host: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{");
        assertThat(trickled.answer()).startsWith("HTTP/1.1 401").contains("X-API-Key");
        // Without a key nothing of the body is wanted; its trickle keeps the connection no longer than the grace.
        assertThat(trickled.untilClosed()).isLessThan(Duration.ofSeconds(5));
    }
}
