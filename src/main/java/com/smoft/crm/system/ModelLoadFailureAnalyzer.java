package com.smoft.crm.system;

import com.smoft.crm.scoring.ModelLoadException;
import com.smoft.crm.training.ModelHints;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a model that cannot be served into a short start-up message instead of a stack of traces. */
class ModelLoadFailureAnalyzer extends AbstractFailureAnalyzer<ModelLoadException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ModelLoadException cause) {
        // What the service's commands can do about this model first, then where the service looks for one.
        String hint = ModelHints.of(cause);
        return new FailureAnalysis(
                cause.getMessage(),
                (hint.isEmpty() ? "" : hint + "\n")
                        + "Point crm.model.store (or CRM_MODEL_STORE) at a model store with a serving version, or crm.model.path "
                        + "(CRM_MODEL_PATH) at a model file, both made by the train command; or train one.",
                cause);
    }
}
