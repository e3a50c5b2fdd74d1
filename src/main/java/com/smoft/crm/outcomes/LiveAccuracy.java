package com.smoft.crm.outcomes;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.smoft.crm.scoring.LiveStatus;
import com.smoft.crm.scoring.ModelCard;
import com.smoft.crm.scoring.OutcomeTally;
import com.smoft.crm.scoring.Segment;
import com.smoft.crm.scoring.SegmentThresholds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * How each model version keeps its promise on the customers whose outcome came in: over the last
 * {@value #SHORT_DAYS} and {@value #LONG_DAYS} days, the figures of its holdout measured again on the matched
 * outcomes, each beside the holdout's, and its {@link LiveStatus} over {@value #LONG_DAYS} days. The outcomes are
 * tallied by one grouped query at start and every {@value #REFRESH_SECONDS} seconds (the windows slide; another
 * replica's outcomes show within that time), and those recorded here are added to the tally as they are written, so
 * that every read costs only the figures' arithmetic, whatever the outcomes in the database.
 */
@Component
@ConditionalOnBooleanProperty(name = "crm.memory.enabled", matchIfMissing = true)
public class LiveAccuracy {

    private static final Logger log = LoggerFactory.getLogger(LiveAccuracy.class);

    /** The short window, in days. */
    public static final int SHORT_DAYS = 30;

    /** The long window, in days, which {@code live_status} judges. */
    public static final int LONG_DAYS = 90;

    /** How often the outcomes are tallied again, at most this old. */
    static final int REFRESH_SECONDS = 300;

    private final OutcomeRepository repository;
    private final Clock clock;
    /**
     * A full tally excludes recordings (write lock) so that none is counted twice: once in the query's rows, once
     * added; recordings run together (read lock).
     */
    private final ReadWriteLock tallying = new ReentrantReadWriteLock();

    /** Per model version, the tallies of the long and the short window; {@code null} until first tallied. */
    private volatile Map<String, OutcomeTally[]> tallies;

    /** Told when a version's live status changes (the events), or {@code null}. */
    private LiveStatusListener listener;

    @Autowired
    LiveAccuracy(OutcomeRepository repository) {
        this(repository, Clock.systemUTC());
    }

    LiveAccuracy(OutcomeRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** The listener told when a version's live status changes, when events are built in. */
    @Autowired(required = false)
    void listen(LiveStatusListener listener) {
        this.listener = listener;
    }

    /**
     * A version's live accuracy against its card's holdout, the Hot figures at {@code thresholds}; {@code null} when
     * the outcomes cannot be read (the database down since start).
     */
    public Live of(ModelCard card, SegmentThresholds thresholds) {
        Map<String, OutcomeTally[]> known = tallies;
        if (known == null) {
            firstTally();
            known = tallies;
            if (known == null) {
                return null;
            }
        }
        OutcomeTally[] pair = known.get(card.version());
        OutcomeTally longWindow = pair == null ? new OutcomeTally() : pair[0];
        OutcomeTally shortWindow = pair == null ? new OutcomeTally() : pair[1];
        return new Live(
                LiveStatus.of(longWindow, card.holdout().auc()),
                window(SHORT_DAYS, shortWindow, card, thresholds),
                window(LONG_DAYS, longWindow, card, thresholds));
    }

    /** Tallies the outcomes again, at start and then regularly; on failure the last tally stays. */
    @Scheduled(fixedDelay = REFRESH_SECONDS * 1000L)
    public void refresh() {
        tallying.writeLock().lock();
        try {
            Instant now = clock.instant();
            Map<String, OutcomeTally[]> before = tallies;
            tallies = repository.tallies(now.minus(Duration.ofDays(LONG_DAYS)), now.minus(Duration.ofDays(SHORT_DAYS)));
            tellChanges(before, tallies);
        } catch (DataAccessException | TransactionException e) {
            log.warn("Live accuracy not tallied, the last tally stays: {}", e.getMessage());
        } finally {
            tallying.writeLock().unlock();
        }
    }

    /** Tallies the outcomes unless another thread did meanwhile (the first tally at start, a read before it). */
    private void firstTally() {
        tallying.writeLock().lock();
        try {
            if (tallies == null) {
                refresh();
            }
        } finally {
            tallying.writeLock().unlock();
        }
    }

    /**
     * Runs a recording of outcomes and adds what it wrote to the tally, never during a full tally. This is the hook
     * where the recorded outcomes meet the live accuracy: a version's status may change here (and at each
     * {@link #refresh()}).
     *
     * @param write   the recording
     * @param written the matched outcomes it wrote, tallied per version over the two windows
     * @return what the recording returned
     */
    public <T> T recording(Supplier<T> write, Function<T, Map<String, OutcomeTally[]>> written) {
        tallying.readLock().lock();
        try {
            T result = write.get();
            add(written.apply(result));
            return result;
        } finally {
            tallying.readLock().unlock();
        }
    }

    /** Adds tallies to the current ones, copied rather than changed: reads never lock. */
    private synchronized void add(Map<String, OutcomeTally[]> added) {
        Map<String, OutcomeTally[]> known = tallies;
        if (known == null || added.isEmpty()) {
            // Never tallied yet: the first read tallies everything, these included.
            return;
        }
        Map<String, OutcomeTally[]> sum = new HashMap<>(known);
        added.forEach((version, pair) -> {
            OutcomeTally[] before = known.get(version);
            OutcomeTally[] after = {new OutcomeTally(), new OutcomeTally()};
            for (int window = 0; window < 2; window++) {
                if (before != null) {
                    after[window].addAll(before[window]);
                }
                after[window].addAll(pair[window]);
            }
            sum.put(version, after);
        });
        tallies = sum;
        tellChanges(known, sum);
    }

    /**
     * Tells the listener of every version whose live status differs between two tallies; nothing before the first
     * tally (no status was known), nor for a version whose card cannot be read.
     */
    private void tellChanges(Map<String, OutcomeTally[]> before, Map<String, OutcomeTally[]> after) {
        LiveStatusListener told = listener;
        if (told == null || before == null || !told.listening()) {
            return;
        }
        Set<String> versions = new TreeSet<>(before.keySet());
        versions.addAll(after.keySet());
        for (String version : versions) {
            OutcomeTally was = longWindow(before, version);
            OutcomeTally now = longWindow(after, version);
            ModelCard card = told.card(version);
            if (card == null) {
                continue;
            }
            LiveStatus from = LiveStatus.of(was, card.holdout().auc());
            LiveStatus to = LiveStatus.of(now, card.holdout().auc());
            if (from != to) {
                told.changed(card, from, to, now);
            }
        }
    }

    private static OutcomeTally longWindow(Map<String, OutcomeTally[]> tallies, String version) {
        OutcomeTally[] pair = tallies.get(version);
        return pair == null ? new OutcomeTally() : pair[0];
    }

    private static Window window(int days, OutcomeTally live, ModelCard card, SegmentThresholds thresholds) {
        ModelCard.HoldoutMetrics holdout = card.holdout();
        ModelCard.HoldoutScores holdoutScores = card.holdoutScores();
        boolean atTrainingThreshold = holdoutScores == null || card.thresholds().hot() == thresholds.hot();
        ModelCard.HoldoutScores liveScores = live.scores();
        boolean anyHot = liveScores.segments(thresholds).of(Segment.HOT) > 0;
        return new Window(
                days,
                live.outcomes(),
                live.converted(),
                new Figure(figure(live.conversionRate()), figure(holdout.baseRate())),
                new Figure(figure(live.auc()), figure(holdout.auc())),
                new Figure(figure(live.brierScore()), figure(holdout.brierScore())),
                new Figure(figure(live.calibrationError()), figure(holdout.calibrationError())),
                new Figure(
                        anyHot ? figure(liveScores.hotPrecision(thresholds)) : null,
                        figure(atTrainingThreshold ? holdout.hotPrecision() : holdoutScores.hotPrecision(thresholds))),
                new Figure(
                        live.converted() > 0 ? figure(liveScores.hotRecall(thresholds)) : null,
                        figure(atTrainingThreshold ? holdout.hotRecall() : holdoutScores.hotRecall(thresholds))),
                bands(liveScores.reliability(), holdoutScores == null ? List.of() : holdoutScores.reliability()));
    }

    /** The two reliability tables band by band, in the holdout's bands of ten points. */
    private static List<Band> bands(List<ModelCard.ReliabilityBand> live, List<ModelCard.ReliabilityBand> holdout) {
        List<Band> bands = new ArrayList<>();
        for (int from = 0; from <= 90; from += 10) {
            ModelCard.ReliabilityBand liveBand = bandAt(live, from);
            ModelCard.ReliabilityBand holdoutBand = bandAt(holdout, from);
            if (liveBand != null || holdoutBand != null) {
                int to = liveBand != null ? liveBand.to() : holdoutBand.to();
                bands.add(new Band(from, to, liveBand, holdoutBand));
            }
        }
        return bands;
    }

    private static ModelCard.ReliabilityBand bandAt(List<ModelCard.ReliabilityBand> bands, int from) {
        return bands.stream().filter(band -> band.from() == from).findFirst().orElse(null);
    }

    /** A figure as the wire writes it: four decimals, {@code null} when it cannot be computed. */
    private static Double figure(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : Math.round(value * 10_000) / 10_000.0;
    }

    /**
     * A version's live accuracy.
     *
     * @param liveStatus   over the last {@value #LONG_DAYS} days: {@code ok}, {@code degraded} (AUC more than 0.05
     *                     below the holdout's, or calibration error above 0.10, on 200 outcomes or more with 30 of each
     *                     kind), {@code insufficient} (fewer)
     * @param last30Days   the outcomes of the last 30 days
     * @param last90Days   the outcomes of the last 90 days
     */
    public record Live(
            LiveStatus liveStatus,
            @JsonProperty("last_30_days") Window last30Days,
            @JsonProperty("last_90_days") Window last90Days) {}

    /**
     * The matched outcomes of a window against the holdout.
     *
     * @param days             the window, in days up to now
     * @param outcomes         outcomes matched with a score of this version
     * @param converted        of which converted
     * @param conversionRate   share that converted (holdout: its base rate)
     * @param auc              area under the ROC curve
     * @param brierScore       mean squared error of the probability
     * @param calibrationError expected calibration error over 10 probability bins
     * @param hotPrecision     share of the Hot who converted, at the thresholds in force
     * @param hotRecall        share of the converted who were Hot, at the thresholds in force
     * @param reliability      per band of ten points, the live and the holdout mean score against the share who
     *                         converted
     */
    public record Window(
            int days,
            long outcomes,
            long converted,
            Figure conversionRate,
            Figure auc,
            Figure brierScore,
            Figure calibrationError,
            Figure hotPrecision,
            Figure hotRecall,
            List<Band> reliability) {}

    /**
     * A figure measured live, beside the holdout's it should match.
     *
     * @param live    on the window's outcomes; {@code null} when they cannot give it (none, or one kind only)
     * @param holdout on the holdout, when the version was trained
     */
    public record Figure(Double live, Double holdout) {}

    /**
     * A band of the reliability chart, live beside holdout.
     *
     * @param from    lowest score of the band
     * @param to      highest score of the band
     * @param live    the window's outcomes in it; {@code null} when none
     * @param holdout the holdout's customers in it; {@code null} when none
     */
    public record Band(int from, int to, ModelCard.ReliabilityBand live, ModelCard.ReliabilityBand holdout) {}
}
