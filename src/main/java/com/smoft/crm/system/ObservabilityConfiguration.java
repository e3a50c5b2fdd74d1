package com.smoft.crm.system;

import com.smoft.crm.scoring.Drift;
import com.smoft.crm.scoring.LoadedModel;
import com.smoft.crm.scoring.ModelRegistry;
import com.smoft.crm.scoring.ScoreStatistics;
import com.smoft.crm.scoring.Segment;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What operations see: the {@code model} health indicator, part of the readiness probe, the drain on
 * stop, and the customers scored per segment as Prometheus counters (request latency comes with
 * Spring's own {@code http.server.requests}).
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    /** The model serving: the service never runs without one (it does not start, and a refused reload keeps the old). */
    @Bean
    HealthIndicator model(ModelRegistry registry) {
        return () -> {
            LoadedModel model = registry.current();
            return Health.up()
                    .withDetail("version", model.version())
                    .withDetail("trained_at", model.card().trainedAt())
                    .build();
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
                        Double psi =
                                Drift.of(statistics, models.current().card()).psi();
                        return psi == null ? Double.NaN : psi;
                    })
                    .description("Population stability index of the scores served against the serving model's holdout "
                            + "(0.1: watch, 0.25: shift)")
                    .register(registry);
            Gauge.builder(
                            "crm.drift.customers",
                            () -> Drift.of(statistics, models.current().card()).customers())
                    .description("Distinct customers the drift index rests on, each by his latest score")
                    .register(registry);
        };
    }

    /**
     * Actuator answers an unknown part of an endpoint ({@code /actuator/health/x}) with an empty 404: give every
     * error there a problem+json body, as everywhere else.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> actuatorProblems(FilterProblems problems) {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                BodyWatch watched = new BodyWatch(response);
                chain.doFilter(request, watched);
                HttpStatus status = HttpStatus.resolve(response.getStatus());
                if (status != null && status.isError() && !watched.written && !response.isCommitted()) {
                    response.resetBuffer();
                    problems.send(request, response, ProblemException.ofStatus(status.value()));
                }
            }
        });
        registration.addUrlPatterns("/actuator/*");
        return registration;
    }

    /** Notes whether anything asked for the body of a response. */
    private static final class BodyWatch extends HttpServletResponseWrapper {
        private boolean written;

        BodyWatch(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            written = true;
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            written = true;
            return super.getWriter();
        }
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
