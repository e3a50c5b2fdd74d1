package com.smoft.crm.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;

/**
 * The what-if search, exact: every combination of the {@link RepAction}s within their caps is applied to the customer
 * and scored by the model's own forest and calibrator, the derived signals (open rate, RFM) recomputed from the
 * changed inputs as for any customer. {@link CompiledForest#variantVoteShares} walks each tree once for all the
 * combinations, and gives each the very bits a score of that customer alone gives.
 *
 * <p>Below Hot, the step is the combination with the fewest actions (an email opened twice counts two) whose score
 * reaches the next segment up; among those, the highest score, then the highest probability, then the one with more
 * of the actions declared first (a call before emails, emails before visits). When none reaches it, the combination
 * with the best score, then the fewest actions, the same way; no action at all when none raises the score.
 *
 * <p>Most customers below Hot reach the next segment with one action: the combinations of one action are scored first,
 * and the others only when none of those reaches it.
 *
 * <p>For a Hot customer, his days since the last contact are increased by 1, 2, ... up to {@value #HORIZON_DAYS} (the
 * rest unchanged) until he is no longer Hot. Only the days where the forest's input can change are scored: those where
 * the days since the last contact pass a threshold of a split on them, or a cut point of their RFM quintile (the RFM
 * score depends on nothing else that changes). Between two such days every split goes the same way, so the score
 * cannot change, and the first day below Hot is one of them.
 */
final class WhatIfSearch {

    /** The most days without contact the at-risk search looks at: a year. */
    static final int HORIZON_DAYS = 365;

    private static final RepAction[] ACTIONS = RepAction.values();

    /** The days the at-risk search scores at once at first. */
    private static final int FIRST_CHUNK = 16;

    private final LoadedModel model;
    private final SegmentThresholds thresholds;
    /**
     * The days since the last contact, ascending, from which a split on them, or their RFM quintile, goes the other
     * way: for an integer, {@code days > t} first holds at {@code floor(t) + 1}.
     */
    private final int[] recencySteps;

    WhatIfSearch(LoadedModel model, SegmentThresholds thresholds) {
        this.model = model;
        this.thresholds = thresholds;
        double[] splits = model.compiled().thresholdsOf(Feature.RECENCY.ordinal());
        double[] cuts = model.trained().cutPoints().recency();
        this.recencySteps = DoubleStream.concat(Arrays.stream(splits), Arrays.stream(cuts))
                .map(threshold -> Math.floor(threshold) + 1)
                .filter(day -> day >= 1 && day <= InputField.MAX_COUNT)
                .mapToInt(day -> (int) day)
                .sorted()
                .distinct()
                .toArray();
    }

    /** The model searched. */
    LoadedModel model() {
        return model;
    }

    /**
     * A step found, before it is put in words.
     *
     * @param target      the next segment up
     * @param reached     whether the step reaches it
     * @param times       how many times each action is done, in {@link RepAction} order
     * @param probability the calibrated probability after the step
     */
    record Step(Segment target, boolean reached, int[] times, double probability) {

        /** The number of actions, an action done twice counting two. */
        int actions() {
            return total(times);
        }

        /** The customer after the step. */
        Customer applyTo(Customer customer) {
            return apply(customer, times);
        }
    }

    /** The next segment up from a segment below Hot. */
    static Segment nextUp(Segment segment) {
        return switch (segment) {
            case COLD -> Segment.WARM;
            case WARM, HOT -> Segment.HOT;
        };
    }

    /** The step for a customer below Hot (in {@code segment}). */
    Step nextStep(Customer customer, Segment segment) {
        Segment target = nextUp(segment);
        // The combinations of one action first, in the order declared: ties go to the first one met.
        List<int[]> single = new ArrayList<>(ACTIONS.length);
        for (int a = 0; a < ACTIONS.length; a++) {
            if (ACTIONS[a].mostTimes(customer) > 0) {
                int[] times = new int[ACTIONS.length];
                times[a] = 1;
                single.add(times);
            }
        }
        Step step = best(customer, target, single);
        if (step != null && step.reached()) {
            return step;
        }
        // Every combination, more of the actions declared first coming first.
        List<int[]> combinations = new ArrayList<>();
        combine(customer, 0, new int[ACTIONS.length], combinations);
        return best(customer, target, combinations);
    }

    /** The best of some combinations by the search's order, or {@code null} when there are none. */
    private Step best(Customer customer, Segment target, List<int[]> combinations) {
        int count = combinations.size();
        if (count == 0) {
            return null;
        }
        double[] signals = new double[count * Signals.COUNT];
        for (int row = 0; row < count; row++) {
            Customer after = apply(customer, combinations.get(row));
            System.arraycopy(model.signals(after).toArray(), 0, signals, row * Signals.COUNT, Signals.COUNT);
        }
        double[] shares = new double[count];
        model.compiled().variantVoteShares(signals, count, shares);
        IsotonicCalibrator calibrator = model.trained().calibrator();
        double[] probabilities = new double[count];
        int[] actions = new int[count];
        for (int row = 0; row < count; row++) {
            probabilities[row] = calibrator.calibrate(shares[row]);
            actions[row] = total(combinations.get(row));
        }
        int lowest = thresholds.lowestScore(target);
        int best = choose(lowest, actions, probabilities);
        return new Step(
                target, LeadScorer.scoreOf(probabilities[best]) >= lowest, combinations.get(best), probabilities[best]);
    }

    /**
     * The best of some combinations: among those whose score reaches {@code lowest}, the fewest actions, then the
     * highest score, then the highest probability; when none reaches it, the highest score, then the fewest actions,
     * then the highest probability; then the first.
     *
     * @param lowest        the lowest score of the segment aimed at
     * @param actions       each combination's number of actions
     * @param probabilities each combination's calibrated probability
     * @return the index of the best
     */
    static int choose(int lowest, int[] actions, double[] probabilities) {
        int best = 0;
        for (int row = 1; row < actions.length; row++) {
            if (better(lowest, actions[row], probabilities[row], actions[best], probabilities[best])) {
                best = row;
            }
        }
        return best;
    }

    private static boolean better(
            int lowest, int actions, double probability, int thanActions, double thanProbability) {
        int score = LeadScorer.scoreOf(probability);
        int thanScore = LeadScorer.scoreOf(thanProbability);
        boolean reaches = score >= lowest;
        if (reaches != thanScore >= lowest) {
            return reaches;
        }
        if (reaches && actions != thanActions) {
            return actions < thanActions;
        }
        if (score != thanScore) {
            return score > thanScore;
        }
        if (actions != thanActions) {
            return actions < thanActions;
        }
        return probability > thanProbability;
    }

    /** Every combination of the actions from {@code action} on, each within what the customer allows. */
    private static void combine(Customer customer, int action, int[] times, List<int[]> into) {
        if (action == ACTIONS.length) {
            into.add(times.clone());
            return;
        }
        for (int n = ACTIONS[action].mostTimes(customer); n >= 0; n--) {
            times[action] = n;
            combine(customer, action + 1, times, into);
        }
    }

    private static Customer apply(Customer customer, int[] times) {
        Customer after = customer;
        for (int a = 0; a < ACTIONS.length; a++) {
            after = ACTIONS[a].applyTo(after, times[a]);
        }
        return after;
    }

    private static int total(int[] times) {
        int total = 0;
        for (int count : times) {
            total += count;
        }
        return total;
    }

    /**
     * When a Hot customer stops being Hot without contact.
     *
     * @param days    the first day without contact on which he is no longer Hot, or 0 when he still is after the
     *                horizon
     * @param segment the segment he falls to that day, or {@code null}
     * @param horizon the days looked at: {@value #HORIZON_DAYS}, or fewer when his days since the last contact cannot
     *                grow that much
     */
    record Risk(int days, Segment segment, int horizon) {}

    /** When a Hot customer, left without contact, stops being Hot. */
    Risk atRisk(Customer customer) {
        int now = customer.daysSinceLastContact();
        int horizon = (int) Math.min(HORIZON_DAYS, (long) InputField.MAX_COUNT - now);
        // The days on which the input can change, from tomorrow to the horizon.
        int from = Arrays.binarySearch(recencySteps, now + 1);
        from = from >= 0 ? from : -from - 1;
        int to = from;
        while (to < recencySteps.length && recencySteps[to] <= now + horizon) {
            to++;
        }
        IsotonicCalibrator calibrator = model.trained().calibrator();
        double[] signals = new double[CompiledForest.MAX_VARIANTS * Signals.COUNT];
        double[] shares = new double[CompiledForest.MAX_VARIANTS];
        // Most Hot customers fall within a few weeks: the first days in small chunks, then in chunks as large as go.
        int chunk = FIRST_CHUNK;
        for (int first = from; first < to; first += chunk, chunk = Math.min(2 * chunk, CompiledForest.MAX_VARIANTS)) {
            int count = Math.min(chunk, to - first);
            for (int row = 0; row < count; row++) {
                Customer later = later(customer, recencySteps[first + row] - now);
                System.arraycopy(model.signals(later).toArray(), 0, signals, row * Signals.COUNT, Signals.COUNT);
            }
            model.compiled().variantVoteShares(signals, count, shares);
            for (int row = 0; row < count; row++) {
                Segment segment = thresholds.segmentOf(LeadScorer.scoreOf(calibrator.calibrate(shares[row])));
                if (segment != Segment.HOT) {
                    return new Risk(recencySteps[first + row] - now, segment, horizon);
                }
            }
        }
        return new Risk(0, null, horizon);
    }

    /** The customer {@code days} days later without contact, the rest unchanged. */
    static Customer later(Customer customer, int days) {
        return new Customer(
                customer.customerId(),
                customer.daysSinceLastContact() + days,
                customer.totalContacts(),
                customer.totalSpent(),
                customer.emailsSent(),
                customer.emailsOpened(),
                customer.websiteVisits(),
                customer.customerAgeDays());
    }
}
