package com.smoft.crm.scoring;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Quintile cut points of recency, frequency and monetary value, learned from the training data.
 *
 * <p>Each of the three is scored 1 to 5: a value at or below the first cut point is in the first
 * quintile, above the last one in the fifth. Frequency and monetary score their quintile directly;
 * recency is reversed (fewer days since the last contact is better). The RFM score is the sum, 3 to 15.
 * The cut points travel inside the saved model so that serving scores a customer as training did.
 *
 * @param recency   four ascending cut points of days since last contact
 * @param frequency four ascending cut points of total contacts
 * @param monetary  four ascending cut points of total spent
 */
public record RfmCutPoints(double[] recency, double[] frequency, double[] monetary) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final int QUINTILES = 5;
    private static final int CUT_POINTS = QUINTILES - 1;

    public RfmCutPoints {
        recency = checked("recency", recency);
        frequency = checked("frequency", frequency);
        monetary = checked("monetary", monetary);
    }

    /** Learns the 20/40/60/80 % quantiles of each of the three columns. */
    public static RfmCutPoints fit(double[] recencyDays, double[] contacts, double[] spent) {
        return new RfmCutPoints(quintileCuts(recencyDays), quintileCuts(contacts), quintileCuts(spent));
    }

    /** Recency score: 5 for the most recently contacted fifth, 1 for the longest silent. */
    public int recencyScore(double daysSinceLastContact) {
        return QUINTILES + 1 - quintile(recency, daysSinceLastContact);
    }

    /** Frequency score: 1 for the fewest contacts, 5 for the most. */
    public int frequencyScore(double totalContacts) {
        return quintile(frequency, totalContacts);
    }

    /** Monetary score: 1 for the smallest spenders, 5 for the biggest. */
    public int monetaryScore(double totalSpent) {
        return quintile(monetary, totalSpent);
    }

    /** The RFM score, from 3 to 15. */
    public int rfmScore(double daysSinceLastContact, double totalContacts, double totalSpent) {
        return recencyScore(daysSinceLastContact) + frequencyScore(totalContacts) + monetaryScore(totalSpent);
    }

    /** 1 + the number of cut points strictly below the value: a value equal to a cut point stays in the lower quintile. */
    private static int quintile(double[] cuts, double value) {
        int quintile = 1;
        for (double cut : cuts) {
            if (value > cut) {
                quintile++;
            }
        }
        return quintile;
    }

    private static double[] quintileCuts(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("cannot learn RFM cut points from no data");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] cuts = new double[CUT_POINTS];
        for (int q = 1; q <= CUT_POINTS; q++) {
            // Nearest-rank quantile: always an observed value, so cut points are readable in the model card.
            int rank = (int) Math.ceil(q * sorted.length / (double) QUINTILES);
            cuts[q - 1] = sorted[Math.max(0, rank - 1)];
        }
        return cuts;
    }

    private static double[] checked(String name, double[] cuts) {
        if (cuts == null || cuts.length != CUT_POINTS) {
            throw new IllegalArgumentException(name + " needs exactly " + CUT_POINTS + " cut points");
        }
        for (int i = 1; i < cuts.length; i++) {
            if (!(cuts[i] >= cuts[i - 1])) {
                throw new IllegalArgumentException(name + " cut points must be ascending: " + Arrays.toString(cuts));
            }
        }
        return cuts.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RfmCutPoints that
                && Arrays.equals(recency, that.recency)
                && Arrays.equals(frequency, that.frequency)
                && Arrays.equals(monetary, that.monetary);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(recency) + Arrays.hashCode(frequency)) + Arrays.hashCode(monetary);
    }

    @Override
    public String toString() {
        return "RfmCutPoints[recency=" + Arrays.toString(recency) + ", frequency=" + Arrays.toString(frequency)
                + ", monetary=" + Arrays.toString(monetary) + "]";
    }
}
