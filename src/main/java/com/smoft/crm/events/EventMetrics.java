package com.smoft.crm.events;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * {@code crm_events_pending}, {@code crm_events_failed}, {@code crm_events_delivered_total},
 * {@code crm_events_attempts_total} and {@code crm_events_delivery_latency_seconds}: what waits in the outbox, what
 * was given up, what this instance delivered and tried, and how long after the event it was delivered.
 */
@Component
@ConditionalOnBooleanProperty(name = "crm.memory.enabled", matchIfMissing = true)
class EventMetrics implements MeterBinder {

    private final EventService events;

    EventMetrics(EventService events) {
        this.events = events;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("crm.events.pending", events, e -> e.status().pending())
                .description("Event deliveries waiting or retried in the outbox (all instances)")
                .register(registry);
        Gauge.builder("crm.events.failed", events, e -> e.status().failed())
                .description("Event deliveries given up after their last attempt, kept in the outbox")
                .register(registry);
        FunctionCounter.builder("crm.events.delivered", events, e -> e.status().delivered())
                .description("Event deliveries made by this instance since start")
                .register(registry);
        FunctionCounter.builder("crm.events.attempts", events, e -> e.status().attempts())
                .description("Event delivery attempts made by this instance since start")
                .register(registry);
        Timer latency = Timer.builder("crm.events.delivery.latency")
                .description("Time from an event to its delivery")
                .register(registry);
        events.measureLatency(millis -> latency.record(millis, TimeUnit.MILLISECONDS));
    }
}
