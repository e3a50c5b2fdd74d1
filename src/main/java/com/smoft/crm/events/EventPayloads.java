package com.smoft.crm.events;

import com.smoft.crm.scoring.ModelCard;
import java.time.Instant;
import java.util.List;

/** The payloads ({@code data}) of the events, one record per type; wire names in snake_case. */
public final class EventPayloads {

    private EventPayloads() {}

    /**
     * {@code lead.segment_changed}: a lead moved into another segment, or was scored for the first time.
     *
     * @param customerId   the customer
     * @param from         his segment before ({@code Hot}, {@code Warm}, {@code Cold}), {@code null} at his first score
     * @param to           his segment now
     * @param scoreBefore  his score before, {@code null} at his first score
     * @param scoreAfter   his score now
     * @param probability  the calibrated conversion probability of his score now, rounded as /api/score rounds it
     * @param modelVersion the model that scored him
     * @param changedAt    when he was scored into his new segment
     * @param nextAction   what the rep should do now
     * @param reasons      the three signals that weigh most in his score now, strongest first (empty when the model
     *                     that scored him can no longer be loaded)
     */
    public record SegmentChanged(
            String customerId,
            String from,
            String to,
            Integer scoreBefore,
            int scoreAfter,
            double probability,
            String modelVersion,
            Instant changedAt,
            LeadAction nextAction,
            List<LeadReason> reasons) {}

    /**
     * What the rep should do.
     *
     * @param action      {@code CALL}, {@code EMAIL} or {@code NURTURE}
     * @param channel     {@code phone} or {@code email}
     * @param withinHours the deadline, in hours
     * @param text        the instruction, in the language of {@code crm.events.language} (French by default)
     */
    public record LeadAction(String action, String channel, int withinHours, String text) {}

    /**
     * One signal's part in a score.
     *
     * @param feature the signal's key, as /api/score's reasons name it (e.g. {@code recency_days})
     * @param value   the customer's value of it
     * @param impact  score points it added (positive) or took away (negative)
     * @param text    the reason in a rep's words, in the language of {@code crm.events.language}
     */
    public record LeadReason(String feature, double value, double impact, String text) {}

    /**
     * {@code model.promoted}: another model version serves.
     *
     * @param version         the version now serving
     * @param previousVersion the version it replaced
     * @param promotedBy      what promoted it: {@code api} (POST /api/admin/models/{version}/promote), {@code rollback},
     *                        {@code reload}, or {@code store} (the train or models command, or another instance)
     * @param trainedAt       when the new model was trained
     * @param holdout         the new model's figures on its holdout customers
     * @param previousHoldout the replaced model's figures on its own holdout customers
     */
    public record ModelPromoted(
            String version,
            String previousVersion,
            String promotedBy,
            String trainedAt,
            ModelCard.HoldoutMetrics holdout,
            ModelCard.HoldoutMetrics previousHoldout) {}

    /**
     * {@code drift.status_changed}: the drift of the scores served by an instance moved to another status.
     *
     * @param from         the status before ({@code stable}, {@code watch}, {@code shift}, {@code insufficient},
     *                     {@code unavailable})
     * @param to           the status now
     * @param psi          the population stability index now, {@code null} when insufficient or unavailable
     * @param customers    the distinct customers it rests on
     * @param modelVersion the serving model, whose holdout the scores are compared with
     */
    public record DriftStatusChanged(String from, String to, Double psi, long customers, String modelVersion) {}

    /**
     * {@code lead.outcome_recorded}: what happened to a lead was recorded ({@code POST /api/outcomes}).
     *
     * @param customerId   the customer
     * @param outcome      what happened: {@code converted} or {@code lost}
     * @param occurredAt   when it happened
     * @param recordedAt   when it was recorded
     * @param score        his last score before it within {@code crm.memory.outcome-window}, {@code null} when none
     *                     (the outcome is kept, not used for live accuracy)
     * @param probability  that score's calibrated conversion probability, rounded as /api/score rounds it,
     *                     {@code null} when none
     * @param segment      his segment then, {@code null} when none
     * @param modelVersion the model that scored him then, {@code null} when none
     */
    public record OutcomeRecorded(
            String customerId,
            String outcome,
            Instant occurredAt,
            Instant recordedAt,
            Integer score,
            Double probability,
            String segment,
            String modelVersion) {}

    /**
     * {@code model.live_status_changed}: a model version's live status (its figures on the outcomes recorded over
     * the last 90 days against its holdout's) changed.
     *
     * @param modelVersion     the version
     * @param from             the status before ({@code ok}, {@code degraded}, {@code insufficient})
     * @param to               the status now
     * @param outcomes         the matched outcomes it rests on now
     * @param converted        those converted
     * @param auc              the live area under the ROC curve now, {@code null} when it cannot be computed
     * @param holdoutAuc       the holdout's, which the live one is judged against
     * @param calibrationError the live expected calibration error now, {@code null} when it cannot be computed
     */
    public record LiveStatusChanged(
            String modelVersion,
            String from,
            String to,
            long outcomes,
            long converted,
            Double auc,
            double holdoutAuc,
            Double calibrationError) {}

    /**
     * {@code ping}: a test of a subscription, never kept.
     *
     * @param message what it is
     */
    public record Ping(String message) {}
}
