package com.smoft.crm.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryScheduleTests {

    private static final Instant FAILED = Instant.parse("2026-12-05T08:00:00Z");

    @Test
    void shouldWaitEachStepOfTheScheduleWithinTwentyPercentAndStopAfterTheLast() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofDays(1)), new Random(42));

        for (int i = 0; i < 200; i++) {
            assertThat(Duration.between(FAILED, schedule.next(1, FAILED)))
                    .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
            assertThat(Duration.between(FAILED, schedule.next(2, FAILED)))
                    .isBetween(
                            Duration.ofHours(19).plusMinutes(12),
                            Duration.ofHours(28).plusMinutes(48));
        }
        assertThat(schedule.next(3, FAILED)).as("after the last attempt").isNull();
    }

    @Test
    void shouldSpreadRetriesOfDeliveriesThatFailedAtOnce() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofMinutes(10)), new Random(1));

        assertThat(java.util.stream.IntStream.range(0, 50)
                        .mapToObj(i -> schedule.next(1, FAILED))
                        .distinct())
                .hasSizeGreaterThan(40);
    }
}
