package com.smoft.crm.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The segment changes a write inserts, told to the listener inside the write's transaction (the events outbox). */
class ChangedLeadsTests {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** Records what it is told; can be made to fail, as an outbox whose insert fails. */
    private static final class Recorder implements SegmentChangeListener {
        final List<ChangedLead> changes = new ArrayList<>();
        boolean listening = true;
        boolean failing;

        @Override
        public boolean listening() {
            return listening;
        }

        @Override
        public void changed(List<ChangedLead> told) {
            if (failing) {
                throw new IllegalStateException("outbox insert failed");
            }
            changes.addAll(told);
        }

        @Override
        public void erased(String customerId) {
            changes.removeIf(change -> change.customerId().equals(customerId));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void shouldTellTheChangesOfThisWriteOnlyWithTheirScoreAndInputs(TestDatabases.Kind kind) {
        try (TestDatabases.Database db = TestDatabases.open(kind)) {
            MemoryRepository repository = db.repository();
            Recorder recorder = new Recorder();
            repository.listen(recorder);
            Instant morning = Instant.parse("2026-12-01T08:00:00Z");
            repository.write(
                    List.of(
                            MemoryRepositoryTests.score("A", morning, 50),
                            MemoryRepositoryTests.score("B", morning, 20)),
                    PARIS,
                    7,
                    5);
            recorder.changes.clear();

            Instant later = morning.plusSeconds(3600);
            repository.write(
                    List.of(MemoryRepositoryTests.score("A", later, 85), MemoryRepositoryTests.score("B", later, 22)),
                    PARIS,
                    7,
                    5);

            assertThat(recorder.changes).singleElement().satisfies(change -> {
                assertThat(change.customerId()).isEqualTo("A");
                assertThat(change.fromSegment()).isEqualTo("Warm");
                assertThat(change.toSegment()).isEqualTo("Hot");
                assertThat(change.scoreBefore()).isEqualTo(50);
                assertThat(change.scoreAfter()).isEqualTo(85);
                assertThat(change.probability()).isEqualTo(0.85);
                assertThat(change.changedAt()).isEqualTo(later);
                assertThat(change.inputs().totalSpent()).isEqualTo(1500.5);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void shouldRollTheWriteBackWhenTheListenerFailsAndNotReadChangesBackWhenNoOneListens(TestDatabases.Kind kind) {
        try (TestDatabases.Database db = TestDatabases.open(kind)) {
            MemoryRepository repository = db.repository();
            Recorder recorder = new Recorder();
            repository.listen(recorder);
            recorder.failing = true;

            assertThatThrownBy(() ->
                            repository.write(List.of(MemoryRepositoryTests.score("A", Instant.now(), 90)), PARIS, 7, 5))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(db.count("lead_change")).isZero();
            assertThat(db.count("lead_state")).isZero();

            recorder.failing = false;
            recorder.listening = false;
            repository.write(List.of(MemoryRepositoryTests.score("A", Instant.now(), 90)), PARIS, 7, 5);
            assertThat(db.count("lead_change")).isEqualTo(1);
            assertThat(recorder.changes).isEmpty();
        }
    }
}
