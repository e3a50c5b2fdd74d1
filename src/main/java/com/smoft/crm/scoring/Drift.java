package com.smoft.crm.scoring;

/**
 * Is the model still looking at the same customers? The population stability index (PSI) of the scores served
 * against the scores of the model's own holdout, over ten bands of ten points: under 0.1 the population is
 * {@code stable}, from 0.1 to 0.25 worth a {@code watch}, from 0.25 a {@code shift} (time to retrain). Below
 * {@value #MINIMUM_CUSTOMERS} distinct customers served it is {@code insufficient}; for a model whose card has no holdout
 * scores, {@code unavailable}.
 *
 * @param psi       the index, or {@code null} when insufficient or unavailable
 * @param status    {@code stable}, {@code watch}, {@code shift}, {@code insufficient} or {@code unavailable}
 * @param customers the served customers it rests on
 */
public record Drift(Double psi, String status, long customers) {

    public static final int MINIMUM_CUSTOMERS = 500;
    public static final double WATCH_FROM = 0.1;
    public static final double SHIFT_FROM = 0.25;

    /** Share given to an empty band, so that the logarithm stays finite. */
    private static final double EMPTY_BAND_SHARE = 1e-4;

    /**
     * Compares served scores with the holdout's.
     *
     * @param served   customers served per band of ten points
     * @param expected holdout customers per band, or {@code null} when the card has none
     */
    public static Drift of(long[] served, long[] expected) {
        long customers = sum(served);
        if (expected == null || sum(expected) == 0) {
            return new Drift(null, "unavailable", customers);
        }
        if (customers < MINIMUM_CUSTOMERS) {
            return new Drift(null, "insufficient", customers);
        }
        long holdout = sum(expected);
        double psi = 0;
        for (int band = 0; band < served.length; band++) {
            double actualShare = Math.max(EMPTY_BAND_SHARE, (double) served[band] / customers);
            double expectedShare = Math.max(EMPTY_BAND_SHARE, (double) expected[band] / holdout);
            psi += (actualShare - expectedShare) * Math.log(actualShare / expectedShare);
        }
        String status = psi < WATCH_FROM ? "stable" : psi < SHIFT_FROM ? "watch" : "shift";
        return new Drift(Math.round(psi * 10_000) / 10_000.0, status, customers);
    }

    /** The drift of the customers a service has scored (each by his latest score), against the serving model's holdout. */
    public static Drift of(ScoreStatistics statistics, ModelCard card) {
        return of(
                statistics.customersPerBin(),
                card.holdoutScores() == null ? null : card.holdoutScores().bands());
    }

    private static long sum(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }
}
