package com.smoft.crm.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Which writes of the same customers take turns, and which go on side by side. */
class CustomerHoldsTests {

    private final CustomerHolds holds = new CustomerHolds();

    @Test
    void shouldLetAMemoryWriteGoOnWhileARecordingOfTheSameCustomerRuns() throws Exception {
        try (Held recording = new Held(work -> holds.recording(Set.of("A"), work))) {
            assertThat(assertTimeoutPreemptively(
                            Duration.ofSeconds(5), () -> holds.writing(Set.of("A", "B"), () -> "written")))
                    .isEqualTo("written");
        }
    }

    @Test
    void shouldMakeAnErasureWaitForARecordingOfHim() throws Exception {
        try (Held recording = new Held(work -> holds.recording(Set.of("A"), work))) {
            assertWaitsUntilClosed(recording, () -> holds.erasing("A", () -> "erased"));
        }
    }

    @Test
    void shouldMakeAnErasureWaitForAWriteOfHim() throws Exception {
        try (Held write = new Held(work -> holds.writing(Set.of("A"), work))) {
            assertWaitsUntilClosed(write, () -> holds.erasing("A", () -> "erased"));
        }
    }

    @Test
    void shouldMakeTwoRecordingsOfTheSameCustomerTakeTurnsAndLetOthersGoOn() throws Exception {
        try (Held recording = new Held(work -> holds.recording(Set.of("A", "B"), work))) {
            assertThat(holds.recording(Set.of("C"), () -> "recorded")).isEqualTo("recorded");
            assertWaitsUntilClosed(recording, () -> holds.recording(Set.of("B", "C"), () -> "recorded"));
        }
    }

    /** {@code second}, run on a thread of its own, waits until {@code first} ends, then runs. */
    private static void assertWaitsUntilClosed(Held first, Supplier<String> second) throws Exception {
        AtomicReference<String> result = new AtomicReference<>();
        Thread waiting = Thread.ofPlatform().start(() -> result.set(second.get()));
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting.getState() == Thread.State.WAITING);
        assertThat(result.get()).isNull();
        first.close();
        waiting.join(10_000);
        assertThat(result.get()).isNotNull();
    }

    /** A write that holds its customers, on a thread of its own, until closed. */
    private static final class Held implements AutoCloseable {
        private final CountDownLatch holding = new CountDownLatch(1);
        private final CountDownLatch ends = new CountDownLatch(1);
        private final Thread thread;

        Held(Function<Supplier<Void>, Void> hold) throws InterruptedException {
            thread = Thread.ofPlatform()
                    .start(() -> hold.apply(() -> {
                        holding.countDown();
                        try {
                            ends.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public void close() throws InterruptedException {
            ends.countDown();
            thread.join(10_000);
        }
    }
}
