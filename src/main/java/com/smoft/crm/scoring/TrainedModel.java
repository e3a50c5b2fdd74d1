package com.smoft.crm.scoring;

import java.io.Serial;
import java.io.Serializable;
import smile.classification.RandomForest;
import smile.data.Tuple;
import smile.data.type.StructType;

/**
 * What the training command saves: the forest, the RFM cut points it was trained with and the
 * calibration curve that turns its vote share into a conversion probability.
 *
 * @param forest     Smile's random forest over the seven signals, label {@code converted}
 * @param cutPoints  the RFM quintile cut points learned from the training data
 * @param calibrator the calibration curve fitted on customers the trees did not see
 */
public record TrainedModel(RandomForest forest, RfmCutPoints cutPoints, IsotonicCalibrator calibrator)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The forest's share of votes for "converts", through Smile's own predict (the reference path). */
    public double smileVoteShare(Signals signals) {
        StructType schema = forest.schema();
        double[] posteriori = new double[2];
        forest.predict(Tuple.of(schema, signals.toArray()), posteriori);
        return posteriori[1];
    }
}
