package com.smoft.crm.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.LocalService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The served OpenAPI document says who may call each operation, as the security chain decides it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocsConfigurationTests {

    private final LocalService service;

    ApiDocsConfigurationTests(@LocalServerPort int port) {
        this.service = new LocalService(port);
    }

    private JsonNode document() throws Exception {
        return JsonMapper.shared()
                .readTree(service.send(service.request("/v3/api-docs")).body());
    }

    private static String callers(JsonNode document, String method, String path) {
        return document.get("paths").get(path).get(method).get("security").toString();
    }

    @Test
    void shouldDeclareTheKeyHeaderAndApplyItPerOperationAsTheServiceDoes() throws Exception {
        JsonNode document = document();
        JsonNode schemes = document.get("components").get("securitySchemes");
        assertThat(schemes.get("scoring_key").get("name").asString()).isEqualTo("X-API-Key");
        assertThat(schemes.get("admin_key").get("in").asString()).isEqualTo("header");

        assertThat(callers(document, "post", "/api/score")).isEqualTo("[{\"scoring_key\":[]},{\"admin_key\":[]}]");
        assertThat(callers(document, "post", "/api/admin/model/reload")).isEqualTo("[{\"admin_key\":[]}]");
        for (String open : SecurityConfiguration.OPEN_API_PATHS) {
            assertThat(callers(document, "get", open)).as(open).isEqualTo("[]");
            assertThat(document.get("paths")
                            .get(open)
                            .get("get")
                            .get("responses")
                            .has("200"))
                    .as(open)
                    .isTrue();
            assertThat(document.get("paths")
                            .get(open)
                            .get("get")
                            .get("responses")
                            .has("401"))
                    .as(open)
                    .isFalse();
        }
        assertThat(callers(document, "get", "/health")).isEqualTo("[]");
    }

    @Test
    void shouldDeclareTheDriftIndexNullableAndTheLicenseWithItsAddress() throws Exception {
        JsonNode document = document();
        assertThat(document.get("components")
                        .get("schemas")
                        .get("Drift")
                        .get("properties")
                        .get("psi")
                        .get("type")
                        .toString())
                .isEqualTo("[\"number\",\"null\"]");
        assertThat(document.get("info").get("license").get("url").asString()).startsWith("https://");
    }

    @Test
    void shouldDeclareTheDayAndSegmentOfAHotCustomerWhoStaysHotAllYearNullable() throws Exception {
        JsonNode risk =
                document().get("components").get("schemas").get("AtRiskBody").get("properties");
        assertThat(risk.get("days").get("type").toString()).isEqualTo("[\"integer\",\"null\"]");
        assertThat(risk.get("segment").get("type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(risk.get("text").get("type").asString()).isEqualTo("string");
    }
}
