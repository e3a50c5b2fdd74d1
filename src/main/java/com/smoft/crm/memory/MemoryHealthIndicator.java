package com.smoft.crm.memory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code memory} component of {@code /actuator/health}: DOWN while the database does not answer. Not part of the
 * readiness probe, since scoring goes on meanwhile (the scores wait in the queue).
 */
@Component
@ConditionalOnBooleanProperty(name = "crm.memory.enabled", matchIfMissing = true)
class MemoryHealthIndicator implements HealthIndicator {

    private final LeadMemory memory;

    MemoryHealthIndicator(LeadMemory memory) {
        this.memory = memory;
    }

    @Override
    public Health health() {
        LeadMemory.Status status = memory.check();
        return (status.up() ? Health.up() : Health.down())
                .withDetail("queued", status.queued())
                .withDetail("unrecorded", status.unrecorded())
                .build();
    }
}
