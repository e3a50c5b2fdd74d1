package com.smoft.crm.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.LocalService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The served OpenAPI document holds every event as a webhook, its payload in snake_case as receivers get it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventWebhooksDocsTests {

    private final LocalService service;

    EventWebhooksDocsTests(@LocalServerPort int port) {
        this.service = new LocalService(port);
    }

    @Test
    void shouldDocumentEachEventAsAWebhookWithItsSignedHeadersAndPayload() throws Exception {
        JsonNode document = JsonMapper.shared()
                .readTree(service.send(service.request("/v3/api-docs")).body());

        JsonNode webhooks = document.get("webhooks");
        assertThat(webhooks.propertyNames())
                .contains(
                        "lead.segment_changed",
                        "lead.outcome_recorded",
                        "model.promoted",
                        "model.live_status_changed",
                        "drift.status_changed");
        JsonNode post = webhooks.get("lead.segment_changed").get("post");
        assertThat(post.get("parameters").toString()).contains("webhook-id", "webhook-timestamp", "webhook-signature");
        assertThat(post.get("operationId").asString()).isEqualTo("leadSegmentChanged");
        assertThat(post.get("security").isArray() && post.get("security").isEmpty())
                .as("sent by the service, called with no key of ours")
                .isTrue();
        JsonNode envelope =
                post.get("requestBody").get("content").get("application/json").get("schema");
        assertThat(envelope.get("properties").get("type").get("const").asString())
                .isEqualTo("lead.segment_changed");
        JsonNode payload = document.get("components").get("schemas").get("SegmentChanged");
        assertThat(payload.get("properties").propertyNames())
                .contains("customer_id", "score_before", "score_after", "next_action", "reasons", "changed_at");
    }
}
