package com.smoft.crm.system;

import com.smoft.crm.scoring.Drift;
import com.smoft.crm.scoring.LoadedModel;
import com.smoft.crm.scoring.ModelRegistry;
import com.smoft.crm.scoring.ScoreStatistics;
import com.smoft.crm.scoring.Segment;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What operations see: the {@code model} health indicator, part of the readiness probe, the drain on
 * stop, and the customers scored per segment as Prometheus counters (request latency comes with
 * Spring's own {@code http.server.requests}).
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    /** Ready only while a model is serving. */
    @Bean
    HealthIndicator model(ModelRegistry registry) {
        return () -> {
            LoadedModel model = registry.current();
            return model == null
                    ? Health.down().withDetail("reason", "no model is serving").build()
                    : Health.up().withDetail("version", model.version()).withDetail("trained_at", model.card().trainedAt()).build();
        };
    }

    @Bean
    ReadinessDrain readinessDrain(ApplicationEventPublisher events, CrmProperties properties) {
        return new ReadinessDrain(events, properties.shutdown().drain());
    }

    /**
     * {@code crm_drift_psi} and {@code crm_drift_customers}: the drift of the scores served against the serving
     * model's holdout, as {@code /api/stats} gives it ({@code NaN} while there are too few customers to tell).
     */
    @Bean
    MeterBinder driftMetrics(ScoreStatistics statistics, ModelRegistry models) {
        return registry -> {
            Gauge.builder("crm.drift.psi", () -> {
                        Double psi = Drift.of(statistics, models.current().card()).psi();
                        return psi == null ? Double.NaN : psi;
                    })
                    .description("Population stability index of the scores served against the serving model's holdout "
                            + "(0.1: watch, 0.25: shift)")
                    .register(registry);
            Gauge.builder("crm.drift.customers", statistics, ScoreStatistics::scored)
                    .description("Customers the drift index rests on")
                    .register(registry);
        };
    }

    /** {@code crm_customers_scored_total{segment="Hot"}} and its siblings, read from the service's own counts. */
    @Bean
    MeterBinder scoredCustomersMetrics(ScoreStatistics statistics) {
        return registry -> {
            for (Segment segment : Segment.values()) {
                FunctionCounter.builder("crm.customers.scored", statistics, stats -> stats.scored(segment))
                        .description("Customers scored since start")
                        .tag("segment", segment.label())
                        .register(registry);
            }
        };
    }
}
