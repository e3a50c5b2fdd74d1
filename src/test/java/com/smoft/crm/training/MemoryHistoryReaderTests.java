package com.smoft.crm.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.ModelCard;
import com.smoft.crm.system.ServerDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The training history read from the memory's outcomes, on H2 and on a real PostgreSQL server. */
@Execution(ExecutionMode.CONCURRENT)
class MemoryHistoryReaderTests {

    private static final Instant JUNE = Instant.parse("2026-06-01T09:00:00Z");

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(MemoryOutcomes.Kind.class)
    void shouldReadEachMatchedOutcomeInTimeOrderWithItsScoresInputsAndLeaveTheUnmatchedOut(MemoryOutcomes.Kind kind) {
        List<LabeledCustomer> customers = new SampleDataGenerator(3).generate(6);
        try (var memory = MemoryOutcomes.open(kind)) {
            // Recorded out of time order: the later ones first.
            memory.matched(customers.subList(3, 6), JUNE.plus(Duration.ofDays(30)));
            memory.matched(customers.subList(0, 3), JUNE);
            memory.unmatched(new SampleDataGenerator(4).generate(2), JUNE.plus(Duration.ofDays(10)));

            MemoryHistoryReader.History history = read(memory);

            assertThat(history.customers())
                    .containsExactly(customers.stream()
                            .map(c -> new LabeledCustomer(
                                    sameInputs(c.customer(), history, customers.indexOf(c)), c.converted()))
                            .toArray(LabeledCustomer[]::new));
            long converted =
                    customers.stream().filter(LabeledCustomer::converted).count();
            assertThat(history.memory())
                    .isEqualTo(new ModelCard.MemoryHistory(
                            "2026-06-01T09:00:00Z", "2026-07-01T09:02:00Z", 6, (int) converted, 6 - (int) converted));
            assertThat(history.unmatched()).isEqualTo(2);
        }
    }

    /** The customer as read: the same inputs, named by the outcome's row id. */
    private static Customer sameInputs(Customer customer, MemoryHistoryReader.History history, int index) {
        Customer read = history.customers().get(index).customer();
        return new Customer(
                read.customerId(),
                customer.daysSinceLastContact(),
                customer.totalContacts(),
                customer.totalSpent(),
                customer.emailsSent(),
                customer.emailsOpened(),
                customer.websiteVisits(),
                customer.customerAgeDays());
    }

    @Test
    void shouldRefuseAMemoryWithoutAMatchedOutcomeSayingHowManyWereLeftOut() {
        try (var memory = MemoryOutcomes.open(MemoryOutcomes.Kind.H2)) {
            assertThatExceptionOfType(TrainingDataException.class)
                    .isThrownBy(() -> read(memory))
                    .withMessageContaining("holds no outcome yet: record what happened to scored customers");

            memory.unmatched(new SampleDataGenerator(4).generate(3), JUNE);

            assertThatExceptionOfType(TrainingDataException.class)
                    .isThrownBy(() -> read(memory))
                    .withMessageContaining("holds no outcome matched with a score (3 outcomes without a score")
                    .withMessageContaining("POST /api/outcomes");
        }
    }

    @ParameterizedTest
    @EnumSource(MemoryOutcomes.Kind.class)
    void shouldSayADatabaseWithoutTheOutcomesTableHasNotBeenMigrated(MemoryOutcomes.Kind kind) {
        try (var memory = MemoryOutcomes.unmigrated(kind)) {
            assertThatExceptionOfType(TrainingDataException.class)
                    .isThrownBy(() -> read(memory))
                    .withMessageContaining("has no outcomes table (lead_outcome)")
                    .withMessageContaining("not been migrated to this version yet");
        }
    }

    @Test
    void shouldRefuseAMatchedOutcomeMissingAnInputNamingItAndTheColumn() {
        try (var memory = MemoryOutcomes.open(MemoryOutcomes.Kind.H2)) {
            memory.matched(new SampleDataGenerator(3).generate(2), JUNE);
            memory.execute("UPDATE lead_outcome SET website_visits = NULL WHERE customer_id LIKE '%-1'");

            assertThatExceptionOfType(TrainingDataException.class)
                    .isThrownBy(() -> read(memory))
                    .withMessageMatching(
                            "outcome \\d+ of the memory is matched with a score but has no website_visits: .*");
        }
    }

    @Test
    void shouldSayThereIsNoMemoryRatherThanMakeAnEmptyEmbeddedDatabase() {
        Path file = folder.resolve("data").resolve("memory");
        try (var database = ServerDatabase.open(
                List.of("--spring.datasource.url=jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE"))) {
            assertThatExceptionOfType(TrainingDataException.class)
                    .isThrownBy(() -> MemoryHistoryReader.read(database))
                    .withMessageStartingWith("there is no memory database at jdbc:h2:file:" + file + ": ")
                    .withMessageContaining("--spring.datasource.url=");
        }
        assertThat(folder.resolve("data")).doesNotExist();
    }

    @Test
    void shouldSayADatabaseThatDoesNotAnswerCannotBeOpenedWithTheDriversReason() {
        try (var database = ServerDatabase.open(List.of(
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/crm",
                "--spring.datasource.hikari.connection-timeout=250"))) {
            assertThatExceptionOfType(TrainingDataException.class)
                    .isThrownBy(() -> MemoryHistoryReader.read(database))
                    .withMessageStartingWith(
                            "the memory's database at jdbc:postgresql://127.0.0.1:1/crm cannot be opened: ")
                    .withMessageContaining("Connection to 127.0.0.1:1 refused")
                    .withMessageContaining("connections. Check that it answers");
        }
    }

    private static MemoryHistoryReader.History read(MemoryOutcomes memory) {
        try (var database = ServerDatabase.open(memory.settings())) {
            return MemoryHistoryReader.read(database);
        }
    }
}
