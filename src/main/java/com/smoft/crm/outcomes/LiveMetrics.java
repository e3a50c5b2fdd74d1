package com.smoft.crm.outcomes;

import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.LiveStatus;
import com.smoft.crm.scoring.ModelRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.Function;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The serving model's live accuracy as gauges: {@code crm_live_outcomes}, {@code crm_live_conversion_rate},
 * {@code crm_live_auc}, {@code crm_live_brier_score}, {@code crm_live_calibration_error},
 * {@code crm_live_hot_precision} and {@code crm_live_hot_recall}, each with {@code window="30d"} and {@code "90d"}
 * (NaN where the outcomes cannot give it), and {@code crm_live_status}, 1 for its {@code status} and 0 for the others.
 */
@Component
@ConditionalOnBooleanProperty(name = "crm.memory.enabled", matchIfMissing = true)
class LiveMetrics implements MeterBinder {

    private final LiveAccuracy accuracy;
    private final ModelRegistry models;
    private final LeadScorer scorer;

    LiveMetrics(LiveAccuracy accuracy, ModelRegistry models, LeadScorer scorer) {
        this.accuracy = accuracy;
        this.models = models;
        this.scorer = scorer;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (boolean longWindow : new boolean[] {false, true}) {
            String window = (longWindow ? LiveAccuracy.LONG_DAYS : LiveAccuracy.SHORT_DAYS) + "d";
            Function<LiveAccuracy.Live, LiveAccuracy.Window> of =
                    live -> longWindow ? live.last90Days() : live.last30Days();
            gauge(registry, "crm.live.outcomes", window, "Outcomes matched with the serving model's scores", live ->
                    (double) of.apply(live).outcomes());
            figure(
                    registry,
                    "crm.live.conversion.rate",
                    window,
                    "Share of them who converted",
                    live -> of.apply(live).conversionRate());
            figure(
                    registry,
                    "crm.live.auc",
                    window,
                    "The serving model's AUC on them",
                    live -> of.apply(live).auc());
            figure(
                    registry,
                    "crm.live.brier.score",
                    window,
                    "The serving model's Brier score on them",
                    live -> of.apply(live).brierScore());
            figure(
                    registry,
                    "crm.live.calibration.error",
                    window,
                    "The serving model's expected calibration error on them",
                    live -> of.apply(live).calibrationError());
            figure(
                    registry,
                    "crm.live.hot.precision",
                    window,
                    "Share of the Hot among them who converted",
                    live -> of.apply(live).hotPrecision());
            figure(
                    registry,
                    "crm.live.hot.recall",
                    window,
                    "Share of the converted among them who were Hot",
                    live -> of.apply(live).hotRecall());
        }
        for (LiveStatus status : LiveStatus.values()) {
            Gauge.builder("crm.live.status", this, metrics -> {
                        LiveAccuracy.Live live = metrics.serving();
                        return live != null && live.liveStatus() == status ? 1 : 0;
                    })
                    .tag("status", status.name())
                    .description("1 for the serving model's live status over 90 days, 0 for the others")
                    .register(registry);
        }
    }

    private void figure(
            MeterRegistry registry,
            String name,
            String window,
            String description,
            Function<LiveAccuracy.Live, LiveAccuracy.Figure> figure) {
        gauge(registry, name, window, description, live -> {
            Double value = figure.apply(live).live();
            return value == null ? Double.NaN : value;
        });
    }

    private void gauge(
            MeterRegistry registry,
            String name,
            String window,
            String description,
            Function<LiveAccuracy.Live, Double> value) {
        Gauge.builder(name, this, metrics -> {
                    LiveAccuracy.Live live = metrics.serving();
                    return live == null ? Double.NaN : value.apply(live);
                })
                .tag("window", window)
                .description(description)
                .register(registry);
    }

    private LiveAccuracy.Live serving() {
        return accuracy.of(models.current().card(), scorer.thresholds());
    }
}
