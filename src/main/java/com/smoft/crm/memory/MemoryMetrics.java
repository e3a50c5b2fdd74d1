package com.smoft.crm.memory;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * {@code crm_memory_recorded_total}, {@code crm_memory_unrecorded_total} and {@code crm_memory_queued}: what the
 * memory kept, what it could not keep, what waits to be written.
 */
@Component
@ConditionalOnBooleanProperty(name = "crm.memory.enabled", matchIfMissing = true)
class MemoryMetrics implements MeterBinder {

    private final LeadMemory memory;

    MemoryMetrics(LeadMemory memory) {
        this.memory = memory;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("crm.memory.recorded", memory, m -> m.status().recorded())
                .description("Scores written to the memory since start")
                .register(registry);
        FunctionCounter.builder("crm.memory.unrecorded", memory, m -> m.status().unrecorded())
                .description("Scores answered but not kept in the memory since start (queue full, or stopped while "
                        + "the database was down)")
                .register(registry);
        Gauge.builder("crm.memory.queued", memory, m -> m.status().queued())
                .description("Single scores waiting to be written to the memory")
                .register(registry);
    }
}
