package com.smoft.crm.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.CustomerId;
import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.ModelFiles;
import com.smoft.crm.scoring.ModelRegistry;
import com.smoft.crm.scoring.SegmentThresholds;
import com.smoft.crm.scoring.ShippedModel;
import com.smoft.crm.scoring.Texts;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The next action and reasons added to a segment change, in the language of crm.events.language. */
class ExplainerTests {

    private static final ModelRegistry MODELS = new ModelRegistry(ModelFiles.load(ShippedModel.PATH));
    private static final LeadScorer SCORER = new LeadScorer(MODELS, SegmentThresholds.DEFAULT, Texts.bundled());

    @Test
    void shouldWriteTheNextActionAndReasonsInTheLanguageSet() {
        Customer customer = new Customer(CustomerId.of("C-1"), 2, 20, 4000, 10, 9, 40, 200);
        Instant now = Instant.parse("2026-12-05T08:00:00Z");
        String payload = EventJson.MAPPER.writeValueAsString(Event.of(
                EventType.SEGMENT_CHANGED,
                now,
                new EventPayloads.SegmentChanged(
                        "C-1", "Warm", "Hot", 60, 85, 0.85, MODELS.current().version(), now, null, null)));

        JsonNode french = data(new Explainer(SCORER, MODELS, EventJson.MAPPER, Locale.FRENCH)
                .complete(payload, Explainer.inputsOf(customer)));
        JsonNode english = data(new Explainer(SCORER, MODELS, EventJson.MAPPER, Locale.ENGLISH)
                .complete(payload, Explainer.inputsOf(customer)));

        assertThat(french.get("reasons")).hasSize(3);
        assertThat(english.get("reasons")).hasSize(3);
        assertThat(english.get("next_action").get("action").asString())
                .isEqualTo(french.get("next_action").get("action").asString());
        assertThat(english.get("next_action").get("text").asString())
                .isNotEqualTo(french.get("next_action").get("text").asString());
        assertThat(english.get("reasons").get(0).get("feature").asString())
                .isEqualTo(french.get("reasons").get(0).get("feature").asString());
        assertThat(english.get("reasons").get(0).get("text").asString())
                .isNotEqualTo(french.get("reasons").get(0).get("text").asString());
    }

    private static JsonNode data(String event) {
        return EventJson.MAPPER.readTree(event).get("data");
    }
}
