package com.smoft.crm.training;

import com.smoft.crm.scoring.ModelStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The promotion rule, and the one place its numbers are written: whether a freshly trained candidate replaces the
 * serving model. Both are scored on the candidate's holdout customers, which neither trained on; the candidate is
 * promoted only if {@value #AUTO_RULE}.
 */
final class Promotion {

    /** The holdout AUC of a model that has learned to rank customers; below it, training warns of a weak model. */
    static final double MIN_AUC = 0.65;
    /** How much lower than the serving model's the candidate's AUC may be on the same customers. */
    static final double AUC_TOLERANCE = 0.01;
    /** The largest expected calibration error of a candidate. */
    static final double MAX_CALIBRATION_ERROR = 0.05;
    /**
     * The highest holdout AUC promoted without a person's look: customers are never that predictable, and outcomes
     * that make a model look so usually come from a leak (the outcome among the inputs) or invented labels.
     */
    static final double MAX_AUC = 0.99;

    /** The automatic rule in words, as {@code train --help} and the documents give it. */
    static final String AUTO_RULE = "its holdout AUC is at least " + MIN_AUC + ", at least the serving model's minus "
            + AUC_TOLERANCE + " on the same customers, its calibration error at most " + MAX_CALIBRATION_ERROR
            + ", and its AUC at most " + MAX_AUC + " (higher is too good to be true)";

    /** Accepted values of {@code train --promote}. */
    enum Rule {
        /** Promote when the rule says so. */
        auto,
        /** Promote whatever the figures. */
        always,
        /** Add the version as a candidate only. */
        never
    }

    private Promotion() {}

    /**
     * Decides.
     *
     * @param serving the serving model's figures on the same customers, or {@code null} when nothing serves
     */
    static ModelStore.Decision decide(
            Rule rule, ModelStore.Figures candidate, ModelStore.Figures serving, int holdoutCustomers) {
        String decidedAt = Instant.now().toString();
        return switch (rule) {
            case always ->
                new ModelStore.Decision(
                        decidedAt,
                        rule.name(),
                        true,
                        "promoted without comparison (--promote always)",
                        holdoutCustomers,
                        candidate,
                        serving);
            case never ->
                new ModelStore.Decision(
                        decidedAt,
                        rule.name(),
                        false,
                        "kept as a candidate (--promote never)",
                        holdoutCustomers,
                        candidate,
                        serving);
            case auto -> auto(candidate, serving, holdoutCustomers, decidedAt);
        };
    }

    private static ModelStore.Decision auto(
            ModelStore.Figures candidate, ModelStore.Figures serving, int holdoutCustomers, String decidedAt) {
        List<String> failed = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        (candidate.auc() >= MIN_AUC ? passed : failed)
                .add(String.format(
                        Locale.ROOT,
                        "its AUC %.3f is %s the %.2f of a model that has learned to rank customers",
                        candidate.auc(),
                        candidate.auc() >= MIN_AUC ? "at least" : "under",
                        MIN_AUC));
        if (serving != null) {
            boolean ranksAsWell = candidate.auc() >= serving.auc() - AUC_TOLERANCE;
            (ranksAsWell ? passed : failed)
                    .add(String.format(
                            Locale.ROOT,
                            "its AUC %.3f is %s the serving model's %.3f minus %.2f on the same %d customers",
                            candidate.auc(),
                            ranksAsWell ? "at least" : "under",
                            serving.auc(),
                            AUC_TOLERANCE,
                            holdoutCustomers));
        }
        boolean calibrated = candidate.calibrationError() <= MAX_CALIBRATION_ERROR;
        (calibrated ? passed : failed)
                .add(String.format(
                        Locale.ROOT,
                        "its calibration error %.3f is %s %.2f",
                        candidate.calibrationError(),
                        calibrated ? "within" : "over",
                        MAX_CALIBRATION_ERROR));
        boolean believable = candidate.auc() <= MAX_AUC;
        (believable ? passed : failed)
                .add(String.format(
                        Locale.ROOT,
                        "its AUC %.3f is %s %.2f%s",
                        candidate.auc(),
                        believable ? "at most" : "over",
                        MAX_AUC,
                        believable
                                ? ""
                                : ", too good to be true: check where the outcomes came from (a leak, invented labels)"
                                        + " before --promote always"));
        boolean promoted = failed.isEmpty();
        String reason = promoted
                ? "promoted: " + String.join("; ", passed)
                : "not promoted: " + String.join("; ", failed) + (serving == null ? "" : "; the serving model stays");
        return new ModelStore.Decision(
                decidedAt, Rule.auto.name(), promoted, reason, holdoutCustomers, candidate, serving);
    }
}
