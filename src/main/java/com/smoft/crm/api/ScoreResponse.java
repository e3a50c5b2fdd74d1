package com.smoft.crm.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.smoft.crm.scoring.Explanation;
import com.smoft.crm.scoring.LeadScore;
import com.smoft.crm.scoring.NextAction;
import com.smoft.crm.scoring.Reason;
import com.smoft.crm.scoring.ScoredRow;
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
 */
@Schema(example = """
        {"customer_id": 1, "score": 85, "segment": "Hot",
         "recommendation": "🔥 Priorité HAUTE - Contacter immédiatement! Fort potentiel de conversion.",
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
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ReasonBody> reasons) {

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
                reasons);
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
}
