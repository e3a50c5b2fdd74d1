package com.smoft.crm.scoring;

import java.nio.file.Path;

/**
 * A verified model ready to serve: the trained artifact, its compiled forest, its explainer and its card.
 *
 * @param trained   the artifact as saved by the training command
 * @param compiled  the forest flattened for scoring
 * @param explainer TreeSHAP over the same forest, used only when reasons are asked for
 * @param card      the model card, whose version matched the file
 * @param path      where it was loaded from
 */
public record LoadedModel(
        TrainedModel trained, CompiledForest compiled, ForestExplainer explainer, ModelCard card, Path path) {

    /** Prepares a trained model for serving. */
    static LoadedModel of(TrainedModel trained, ModelCard card, Path path) {
        return new LoadedModel(
                trained, CompiledForest.compile(trained.forest()), new ForestExplainer(trained.forest()), card, path);
    }

    /** The model's identity: the sha256 of its file. */
    public String version() {
        return card.version();
    }

    /** The signals of a customer, with this model's RFM cut points. */
    public Signals signals(Customer customer) {
        return Signals.of(customer, trained.cutPoints());
    }

    /** The forest's raw vote share for "converts", before calibration. */
    public double voteShare(Signals signals) {
        return compiled.voteShare(signals.toArray());
    }

    /** The calibrated probability that the customer converts. */
    public double probability(Signals signals) {
        return trained.calibrator().calibrate(voteShare(signals));
    }
}
