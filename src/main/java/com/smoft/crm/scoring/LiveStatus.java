package com.smoft.crm.scoring;

/**
 * Whether a model keeps, on the customers whose outcome came in since, the promise its holdout made: the rule of
 * live accuracy, in one place.
 */
public enum LiveStatus {
    /** Enough outcomes, and the model does as its holdout said. */
    ok,
    /** Enough outcomes, and the model ranks or calibrates clearly worse than its holdout said. */
    degraded,
    /** Too few outcomes (or too few of one kind) to tell. */
    insufficient;

    /** Outcomes needed to judge. */
    public static final int MIN_OUTCOMES = 200;

    /** Outcomes of each kind (converted, lost) needed to judge. */
    public static final int MIN_OF_EACH = 30;

    /** How far below the holdout's the live AUC may fall. */
    public static final double AUC_MARGIN = 0.05;

    /** The highest live calibration error that keeps the promise. */
    public static final double MAX_CALIBRATION_ERROR = 0.10;

    /**
     * The status of live outcomes against the holdout's AUC: {@code degraded} when the live AUC is below the holdout
     * AUC minus {@value #AUC_MARGIN} or the live calibration error above {@value #MAX_CALIBRATION_ERROR}, on at least
     * {@value #MIN_OUTCOMES} outcomes with at least {@value #MIN_OF_EACH} of each kind; {@code insufficient} below
     * that.
     */
    public static LiveStatus of(OutcomeTally live, double holdoutAuc) {
        if (live.outcomes() < MIN_OUTCOMES || live.converted() < MIN_OF_EACH || live.lost() < MIN_OF_EACH) {
            return insufficient;
        }
        return live.auc() < holdoutAuc - AUC_MARGIN || live.calibrationError() > MAX_CALIBRATION_ERROR ? degraded : ok;
    }
}
