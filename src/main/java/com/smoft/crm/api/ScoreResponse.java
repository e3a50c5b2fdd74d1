package com.smoft.crm.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.Explanation;
import com.smoft.crm.scoring.LeadScore;
import com.smoft.crm.scoring.NextAction;
import com.smoft.crm.scoring.Reason;
import com.smoft.crm.scoring.ScoredRow;
import com.smoft.crm.scoring.WhatIf;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.stream.Stream;

/**
 * The answer for one customer: the fields of {@link ScoredRow#JSON}, in that order (the first four are the original
 * product's contract), then the model version and, when asked for, the reasons.
 *
 * @param customerId     the caller's identifier
 * @param score          round(100 x calibrated conversion probability)
 * @param segment        Hot, Warm or Cold, at the thresholds in force (crm.segments.*)
 * @param recommendation what to do, French by default, English with Accept-Language: en
 * @param priority       HIGH, MEDIUM or LOW
 * @param probability    the calibrated conversion probability behind the score
 * @param nextAction     the structured next best action
 * @param modelVersion   sha256 of the model file that scored (in a batch, once in the envelope instead)
 * @param baseScore      with {@code explain=true}: the score of an average customer, where the impacts start
 * @param reasons        with {@code explain=true}: up to three signals that raised the score, then up to three that lowered it
 * @param nextStep       with {@code whatif=true} (or {@code explain=true}), for a customer below Hot: what would move
 *                       him up a segment, as the model predicts it
 * @param atRiskAfter    with {@code whatif=true} (or {@code explain=true}), for a Hot customer: how long he stays Hot
 *                       without contact, as the model predicts it
 */
@Schema(example = """
        {"customer_id": 1, "score": 85, "segment": "Hot",
         "recommendation": "🔥 Priorité HAUTE - Contacter immédiatement ! Fort potentiel de conversion.",
         "priority": "HIGH", "probability": 0.8512, "model_version": "4c4a2715..."}""")
record ScoreResponse(
        @Schema(
                oneOf = {Long.class, String.class},
                example = "1")
        Object customerId,

        int score,
        String segment,
        String recommendation,
        String priority,
        double probability,
        NextActionBody nextAction,
        @JsonInclude(JsonInclude.Include.NON_NULL) String modelVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double baseScore,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ReasonBody> reasons,
        @JsonInclude(JsonInclude.Include.NON_NULL) NextStepBody nextStep,
        @JsonInclude(JsonInclude.Include.NON_NULL) AtRiskBody atRiskAfter) {

    static ScoreResponse of(LeadScore lead) {
        return of(lead, lead.modelVersion());
    }

    /** A batch's result: the model version is given once, in the batch's envelope. */
    static ScoreResponse inBatch(LeadScore lead) {
        return of(lead, null);
    }

    private static ScoreResponse of(LeadScore lead, String modelVersion) {
        Explanation explanation = lead.explanation();
        List<ReasonBody> reasons = explanation == null
                ? null
                : Stream.concat(explanation.raised().stream(), explanation.lowered().stream())
                        .map(ReasonBody::of)
                        .toList();
        NextAction action = lead.nextAction();
        WhatIf whatIf = lead.whatIf();
        return new ScoreResponse(
                lead.customerId().value(),
                lead.score(),
                lead.segment().label(),
                lead.recommendation(),
                lead.segment().priority(),
                ScoredRow.probability(lead.probability()),
                new NextActionBody(action.action(), action.channel(), action.withinHours(), action.text()),
                modelVersion,
                explanation == null ? null : explanation.baseScore(),
                reasons,
                whatIf == null || whatIf.nextStep() == null ? null : NextStepBody.of(whatIf.nextStep()),
                whatIf == null || whatIf.atRisk() == null ? null : AtRiskBody.of(whatIf.atRisk()));
    }

    /**
     * One customer in a batch's compact view ({@code ?view=compact}): the fields of {@link ScoredRow#COMPACT}.
     *
     * @param customerId  the caller's identifier
     * @param score       round(100 x calibrated conversion probability)
     * @param segment     Hot, Warm or Cold
     * @param probability the calibrated conversion probability, 4 decimals
     */
    record Compact(
            @Schema(
                    oneOf = {Long.class, String.class},
                    example = "1")
            Object customerId,

            int score,
            String segment,
            double probability) {}

    /**
     * @param action      CALL, EMAIL or NURTURE
     * @param channel     phone or email
     * @param withinHours deadline in hours
     * @param text        the instruction, in the requested language
     */
    record NextActionBody(String action, String channel, int withinHours, String text) {}

    /**
     * @param feature the signal, e.g. email_open_rate
     * @param value   the customer's value of it
     * @param impact  score points it added (positive) or took away (negative)
     * @param text    the reason in a rep's words
     */
    record ReasonBody(String feature, double value, double impact, String text) {
        static ReasonBody of(Reason reason) {
            return new ReasonBody(reason.feature().key(), reason.value(), reason.impact(), reason.text());
        }
    }

    /**
     * What would move a customer below Hot up a segment, as the model predicts it: not a promise of cause.
     *
     * @param target      the segment aimed at: Warm for a Cold customer, Hot for a Warm one
     * @param reached     whether the actions reach it; when no combination does, the actions that get the best score
     * @param actions     the fewest actions that reach it, each with how many times; empty when none raises the score
     * @param score       the score the customer would get after them
     * @param segment     the segment he would be in
     * @param probability the calibrated probability behind that score, 4 decimals
     * @param customer    the customer after the actions, the eight input fields: score him to check
     * @param text        the step in a rep's words, French by default, English with Accept-Language: en
     */
    @Schema(example = """
            {"target": "Hot", "reached": true, "actions": [{"action": "email_opened", "times": 3}], "score": 78,
             "segment": "Hot", "probability": 0.7761, "customer": {"customer_id": 4, "days_since_last_contact": 10,
             "total_contacts": 8, "total_spent": 800.0, "emails_sent": 13, "emails_opened": 7, "website_visits": 8,
             "customer_age_days": 300}, "text": "Envoyez-lui 3 emails qu'il ouvre : il passerait de 45 à 78 (Chaud)"}""")
    record NextStepBody(
            String target,
            boolean reached,
            List<ActionBody> actions,
            int score,
            String segment,
            double probability,
            CustomerBody customer,
            String text) {

        static NextStepBody of(WhatIf.NextStep step) {
            return new NextStepBody(
                    step.target().label(),
                    step.reached(),
                    step.actions().entrySet().stream()
                            .map(action -> new ActionBody(action.getKey().key(), action.getValue()))
                            .toList(),
                    step.score(),
                    step.segment().label(),
                    ScoredRow.probability(step.probability()),
                    CustomerBody.of(step.customer()),
                    step.text());
        }
    }

    /**
     * @param action contact_today (days since last contact to 0, one contact more), email_opened (one email sent and
     *               opened) or site_visit (one website visit)
     * @param times  how many times
     */
    record ActionBody(String action, int times) {}

    /**
     * A customer's eight input fields, as /api/score reads them.
     *
     * @param customerId           the caller's identifier, as sent
     * @param daysSinceLastContact days since the last contact
     * @param totalContacts        contacts so far
     * @param totalSpent           euros spent
     * @param emailsSent           emails sent
     * @param emailsOpened         emails opened
     * @param websiteVisits        website visits
     * @param customerAgeDays      days since the customer was first recorded
     */
    record CustomerBody(
            @Schema(oneOf = {Long.class, String.class}) Object customerId,
            int daysSinceLastContact,
            int totalContacts,
            double totalSpent,
            int emailsSent,
            int emailsOpened,
            int websiteVisits,
            int customerAgeDays) {

        static CustomerBody of(Customer customer) {
            return new CustomerBody(
                    customer.customerId().value(),
                    customer.daysSinceLastContact(),
                    customer.totalContacts(),
                    customer.totalSpent(),
                    customer.emailsSent(),
                    customer.emailsOpened(),
                    customer.websiteVisits(),
                    customer.customerAgeDays());
        }
    }

    /**
     * How long a Hot customer stays Hot without contact, as the model predicts it: his days since the last contact
     * increased day by day, the rest unchanged.
     *
     * @param days    the first day without contact on which he would no longer be Hot; null when he would still be
     *                Hot after 365 days
     * @param segment the segment he would fall to that day (Warm, or Cold if he dropped two at once); null with days
     * @param text    the same in a rep's words, French by default, English with Accept-Language: en
     */
    @Schema(example = """
            {"days": 24, "segment": "Warm", "text": "Sans contact, il repasse Tiède dans 24 jours"}""")
    record AtRiskBody(Integer days, String segment, String text) {

        static AtRiskBody of(WhatIf.AtRisk risk) {
            return new AtRiskBody(
                    risk.days(), risk.segment() == null ? null : risk.segment().label(), risk.text());
        }
    }
}
