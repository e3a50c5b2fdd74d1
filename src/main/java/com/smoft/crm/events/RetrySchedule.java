package com.smoft.crm.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: the waits of {@code crm.events.retry-schedule} (by default 5 s, 30 s, 2 min,
 * 10 min, 30 min, 1 h, 3 h, 6 h, 12 h, 1 day: eleven attempts over about two days), each moved by up to 20% either way
 * so that the retries of many deliveries failed at once do not come back at once.
 */
final class RetrySchedule {

    private static final double JITTER = 0.2;

    private final List<Duration> waits;
    private final RandomGenerator random;

    RetrySchedule(List<Duration> waits, RandomGenerator random) {
        this.waits = List.copyOf(waits);
        this.random = random;
    }

    /** When to try again after the failed attempt number {@code attempt} (from 1), or {@code null} when it was the last. */
    Instant next(int attempt, Instant failedAt) {
        if (attempt > waits.size()) {
            return null;
        }
        long wait = waits.get(attempt - 1).toMillis();
        long jitter = Math.round(wait * JITTER * (2 * random.nextDouble() - 1));
        return failedAt.plusMillis(Math.max(1, wait + jitter));
    }
}
