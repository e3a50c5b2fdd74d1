package com.smoft.crm.events;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.CustomerId;
import com.smoft.crm.scoring.Explanation;
import com.smoft.crm.scoring.LeadScore;
import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.LoadedModel;
import com.smoft.crm.scoring.ModelRegistry;
import com.smoft.crm.scoring.Reason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Completes a {@code lead.segment_changed} event before its first delivery: the next action and the three strongest
 * reasons, computed from the inputs as scored by the model that scored them (the serving one, or the store's copy of
 * an earlier one). Explaining costs milliseconds of CPU a customer, so it happens here, on the delivery threads, and
 * never on the scoring path; the result is the same as at scoring time, the model and the inputs being the same.
 */
final class Explainer {

    private static final int REASONS = 3;

    private final LeadScorer scorer;
    private final ModelRegistry registry;
    private final JsonMapper json;
    private final Locale language;
    /** The last earlier model loaded from the store, kept while events of it come. */
    private volatile LoadedModel earlier;

    Explainer(LeadScorer scorer, ModelRegistry registry, JsonMapper json, Locale language) {
        this.scorer = scorer;
        this.registry = registry;
        this.json = json;
        this.language = language;
    }

    /** The inputs an event's reasons are computed from, as the outbox keeps them. */
    static String inputsOf(Customer customer) {
        return customer.daysSinceLastContact() + "," + customer.totalContacts() + "," + customer.totalSpent() + ","
                + customer.emailsSent() + "," + customer.emailsOpened() + "," + customer.websiteVisits() + ","
                + customer.customerAgeDays();
    }

    /** The event's payload with its next action and reasons. */
    String complete(String payload, String inputs) {
        ObjectNode root = (ObjectNode) json.readTree(payload);
        ObjectNode data = (ObjectNode) root.get("data");
        String[] values = inputs.split(",");
        Customer customer = new Customer(
                CustomerId.of(data.get("customer_id").asString()),
                Integer.parseInt(values[0]),
                Integer.parseInt(values[1]),
                Double.parseDouble(values[2]),
                Integer.parseInt(values[3]),
                Integer.parseInt(values[4]),
                Integer.parseInt(values[5]),
                Integer.parseInt(values[6]));
        LoadedModel model = modelOf(data.get("model_version").asString());
        List<EventPayloads.LeadReason> reasons = List.of();
        EventPayloads.LeadAction next = null;
        if (model != null) {
            LeadScore lead = scorer.explainWith(model, customer, language);
            reasons = strongest(lead.explanation());
            next = new EventPayloads.LeadAction(
                    lead.nextAction().action(),
                    lead.nextAction().channel(),
                    lead.nextAction().withinHours(),
                    lead.nextAction().text());
        }
        data.set("next_action", next == null ? null : json.valueToTree(next));
        data.set("reasons", json.valueToTree(reasons));
        return json.writeValueAsString(root);
    }

    private static List<EventPayloads.LeadReason> strongest(Explanation explanation) {
        List<Reason> all = new ArrayList<>(explanation.raised());
        all.addAll(explanation.lowered());
        all.sort(Comparator.comparingDouble((Reason reason) -> Math.abs(reason.impact()))
                .reversed());
        return all.stream()
                .limit(REASONS)
                .map(reason -> new EventPayloads.LeadReason(
                        reason.feature().key(), reason.value(), reason.impact(), reason.text()))
                .toList();
    }

    /** The model of a version: the serving one, or the store's copy; {@code null} when it can no longer be loaded. */
    private LoadedModel modelOf(String version) {
        LoadedModel serving = registry.current();
        if (serving.version().equals(version)) {
            return serving;
        }
        LoadedModel kept = earlier;
        if (kept != null && kept.version().equals(version)) {
            return kept;
        }
        try {
            LoadedModel loaded =
                    registry.store().map(store -> store.load(version)).orElse(null);
            earlier = loaded;
            return loaded;
        } catch (RuntimeException gone) {
            // Pruned from the store, damaged, or a single file served since: the event goes without reasons.
            return null;
        }
    }
}
