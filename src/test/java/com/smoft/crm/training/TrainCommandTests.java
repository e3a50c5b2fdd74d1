package com.smoft.crm.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.LoadedModel;
import com.smoft.crm.scoring.ModelCard;
import com.smoft.crm.scoring.ModelFiles;
import com.smoft.crm.scoring.ModelStore;
import com.smoft.crm.system.ServerDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

@Execution(ExecutionMode.CONCURRENT)
class TrainCommandTests {

    private static final Instant JUNE = Instant.parse("2026-06-01T09:00:00Z");

    @TempDir
    Path folder;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final TrainCommand command =
            new TrainCommand(new PrintStream(output, true, StandardCharsets.UTF_8), ServerDatabase::open);

    @Test
    void shouldTrainOnSampleDataAndWriteAModelTheServerCanLoad() {
        Path model = folder.resolve("model.bin");
        int exit = command.execute(
                new String[] {"--output", model.toString(), "--rows", "3000", "--trees", "20", "--seed", "5"});
        assertThat(exit).isZero();
        assertThat(printed()).contains("trees   20/20", "AUC", "Calibration error (ECE)", "Hot precision", "Version ");
        LoadedModel loaded = ModelFiles.load(model);
        assertThat(loaded.card().dataSource()).contains("sample data (seed 5, 3000 customers)");
        assertThat(loaded.card().rowCount()).isEqualTo(3000);
        assertThat(loaded.compiled().trees()).isEqualTo(20);
    }

    @Test
    void shouldStopOnABadRowAndLeaveTheExistingModelUntouched() throws IOException {
        Path model = folder.resolve("model.bin");
        assertThat(command.execute(new String[] {"--output", model.toString(), "--rows", "1000", "--trees", "5"}))
                .isZero();
        byte[] before = Files.readAllBytes(model);

        Path history = folder.resolve("history.csv");
        writeCsv(history, new SampleDataGenerator(1).generate(300));
        List<String> lines = Files.readAllLines(history);
        lines.set(42, lines.get(42).replaceFirst(",[^,]*$", ",peut-être"));
        Files.write(history, lines);

        assertThat(command.execute(new String[] {"--data", history.toString(), "--output", model.toString()}))
                .isEqualTo(1);
        assertThat(printed()).contains("nothing was written", "line 43, column converted: value 'peut-être'");
        assertThat(Files.readAllBytes(model)).isEqualTo(before);
    }

    @Test
    void shouldAddAVersionToTheStoreAndPromoteItWhenTheStoreServesNothingYet() {
        Path store = folder.resolve("store");
        assertThat(command.execute(new String[] {"--store", store.toString(), "--rows", "3000", "--trees", "20"}))
                .isZero();
        ModelStore models = new ModelStore(store);
        assertThat(models.versions()).hasSize(1);
        String version = models.versions().getFirst().card().version();
        assertThat(models.serving()).hasValue(version);
        assertThat(printed()).contains("Decision: promoted: its AUC", "now serves");
        assertThat(models.versions().getFirst().decision().candidate().auc())
                .isEqualTo(models.versions().getFirst().card().holdout().auc());

        // The same data and options: the same version, not a second one.
        assertThat(command.execute(new String[] {"--store", store.toString(), "--rows", "3000", "--trees", "20"}))
                .isZero();
        assertThat(printed()).contains("was already in the store", "already serving");
        assertThat(models.versions()).hasSize(1);
    }

    @Test
    void shouldNotPromoteAModelTrainedOnShuffledLabelsAndSayWhyWithBothModelsFigures() throws IOException {
        Path store = folder.resolve("store");
        assertThat(command.execute(new String[] {"--store", store.toString(), "--rows", "3000", "--trees", "20"}))
                .isZero();
        ModelStore models = new ModelStore(store);
        String serving = models.serving().orElseThrow();

        Path noise = folder.resolve("noise.csv");
        writeCsv(noise, TrainerTests.shuffledLabels(new SampleDataGenerator(11).generate(3000), 11));
        output.reset();
        assertThat(command.execute(
                        new String[] {"--data", noise.toString(), "--store", store.toString(), "--trees", "20"}))
                .isZero();
        assertThat(models.serving()).hasValue(serving);
        assertThat(printed())
                .contains(
                        "Decision: not promoted: its AUC",
                        "under the 0.65",
                        "the serving model stays",
                        "kept as a candidate");
        ModelStore.Version candidate = models.versions().stream()
                .filter(v -> v.status() == ModelStore.Status.candidate)
                .findFirst()
                .orElseThrow();
        assertThat(candidate.decision().promoted()).isFalse();
        assertThat(candidate.decision().serving().version()).isEqualTo(serving);
        // On shuffled labels neither model can rank the holdout: compared with each other alone they would tie.
        // The rule's AUC floor is what refuses the candidate.
        assertThat(candidate.decision().serving().auc()).isBetween(0.4, 0.6);
        assertThat(candidate.decision().candidate().auc()).isLessThan(Promotion.MIN_AUC);
        assertThat(candidate.card().warnings()).anyMatch(w -> w.startsWith("weak model"));
    }

    @Test
    void shouldPromoteAlwaysOrNeverWhenToldAndKeepTheNewestVersions() {
        Path store = folder.resolve("store");
        ModelStore models = new ModelStore(store);
        assertThat(command.execute(new String[] {
                    "--store", store.toString(), "--rows", "1500", "--trees", "5", "--seed", "1", "--promote", "always"
                }))
                .isZero();
        String first = models.serving().orElseThrow();
        assertThat(command.execute(new String[] {
                    "--store", store.toString(), "--rows", "1500", "--trees", "5", "--seed", "2", "--promote", "never"
                }))
                .isZero();
        assertThat(models.serving()).hasValue(first);
        assertThat(command.execute(new String[] {
                    "--store",
                    store.toString(),
                    "--rows",
                    "1500",
                    "--trees",
                    "5",
                    "--seed",
                    "3",
                    "--promote",
                    "always",
                    "--keep",
                    "2"
                }))
                .isZero();
        String third = models.serving().orElseThrow();
        assertThat(third).isNotEqualTo(first);
        assertThat(models.versions())
                .hasSize(2)
                .extracting(v -> v.card().version())
                .contains(third)
                .doesNotContain(first);
        assertThat(printed()).contains("Deleted version " + first.substring(0, 12));
    }

    @Test
    void shouldRefuseOutputTogetherWithStoreOrPromote() {
        assertThat(command.execute(new String[] {"--output", "x.bin", "--promote", "always"}))
                .isEqualTo(2);
        assertThat(printed()).contains("--output writes a single file outside the store");
    }

    @Test
    void shouldRefuseUnknownOptions() {
        assertThat(command.execute(new String[] {"--tres", "5"})).isEqualTo(2);
        assertThat(printed())
                .contains("Unknown options: '--tres'", "Usage: java -jar target/smoft-crm-intelligent.jar train");
    }

    /**
     * The acceptance check of the engine: trained through {@code train --data} on a history it has not
     * seen, the served scores rank fresh customers nearly as well as the true probabilities and are calibrated.
     */
    @Test
    void shouldRankNearlyAsWellAsTheTruthAndBeCalibratedOnAnUnseenHistory() throws IOException {
        Path history = folder.resolve("history.csv");
        writeCsv(history, new SampleDataGenerator(2024).generate(20_000));
        Path model = folder.resolve("model.bin");
        assertThat(command.execute(new String[] {"--data", history.toString(), "--output", model.toString()}))
                .isZero();

        LeadScorer scorer = LeadScorer.load(model);
        List<LabeledCustomer> fresh = new SampleDataGenerator(777).generate(20_000);
        double[] served = new double[fresh.size()];
        double[] truth = new double[fresh.size()];
        int[] converted = new int[fresh.size()];
        for (int i = 0; i < fresh.size(); i++) {
            Customer customer = fresh.get(i).customer();
            served[i] = scorer.score(customer).score() / 100.0;
            truth[i] = SampleDataGenerator.conversionProbability(customer);
            converted[i] = fresh.get(i).converted() ? 1 : 0;
        }
        double servedAuc = HoldoutEvaluation.auc(converted, served);
        double bestAuc = HoldoutEvaluation.auc(converted, truth);
        double ece = HoldoutEvaluation.expectedCalibrationError(served, converted);
        System.out.printf(
                Locale.ROOT,
                "served AUC %.4f, best possible %.4f, ratio %.4f, ECE %.4f%n",
                servedAuc,
                bestAuc,
                servedAuc / bestAuc,
                ece);
        assertThat(servedAuc / bestAuc).isGreaterThanOrEqualTo(0.97);
        assertThat(ece).isLessThanOrEqualTo(0.05);
    }

    @Test
    void shouldTrainOnTheMemorysMatchedOutcomesAndSayWhichInTheCardAndTheModelsList() {
        Path store = folder.resolve("store");
        List<LabeledCustomer> history = new SampleDataGenerator(21).generate(1500);
        int converted =
                (int) history.stream().filter(LabeledCustomer::converted).count();
        try (var memory = MemoryOutcomes.open(MemoryOutcomes.Kind.H2)) {
            memory.matched(history, JUNE);
            memory.unmatched(new SampleDataGenerator(22).generate(5), JUNE);

            assertThat(command.execute(memory.command(
                            "--from-memory", "--store", store.toString(), "--trees", "10", "--promote", "always")))
                    .isZero();
        }
        String source = "memory (1500 matched outcomes from 2026-06-01 to 2026-06-02: " + converted + " converted, "
                + (1500 - converted) + " lost)";
        assertThat(printed())
                .contains(
                        "Left out: 5 outcomes without a matched score",
                        "Training on " + source + ": 1500 customers, 10 trees",
                        "now serves");
        ModelStore models = new ModelStore(store);
        ModelCard card = models.versions().getFirst().card();
        assertThat(models.serving()).hasValue(card.version());
        assertThat(card.dataSource()).isEqualTo(source);
        assertThat(card.memoryHistory())
                .isEqualTo(new ModelCard.MemoryHistory(
                        "2026-06-01T09:00:00Z", "2026-06-02T09:59:00Z", 1500, converted, 1500 - converted));
        assertThat(card.rowCount()).isEqualTo(1500);
        assertThat(card.convertedCount()).isEqualTo(converted);

        output.reset();
        new ModelsCommand(new PrintStream(output, true, StandardCharsets.UTF_8))
                .execute(new String[] {"list", "--store", store.toString()});
        assertThat(printed()).contains(source);
    }

    @Test
    void shouldPromoteAModelOfTheShiftedWorldAfterScoringTheServingModelOnTheSameCustomers() {
        Path store = folder.resolve("store");
        assertThat(command.execute(new String[] {"--store", store.toString(), "--rows", "3000", "--trees", "10"}))
                .isZero();
        ModelStore models = new ModelStore(store);
        String before = models.serving().orElseThrow();
        output.reset();
        try (var memory = MemoryOutcomes.open(MemoryOutcomes.Kind.H2)) {
            memory.matched(ShiftedWorld.generate(7, 4000), JUNE);

            assertThat(command.execute(memory.command("--from-memory", "--store", store.toString(), "--trees", "20")))
                    .isZero();
        }
        assertThat(printed())
                .contains(
                        "Promotion (auto), both models scored on the candidate's 800 holdout customers",
                        "Decision: promoted",
                        "now serves");
        ModelStore.Version serving = models.versions().stream()
                .filter(v -> v.status() == ModelStore.Status.serving)
                .findFirst()
                .orElseThrow();
        assertThat(serving.card().memoryHistory()).isNotNull();
        assertThat(serving.decision().serving().version()).isEqualTo(before);
        // The old world's model ranks the shifted world's customers worse than chance.
        assertThat(serving.decision().serving().auc()).isLessThan(0.5);
        assertThat(serving.decision().candidate().auc()).isGreaterThan(0.7);
    }

    @Test
    void shouldStopOnTooFewMatchedOutcomesWithTheSufficiencyRulesMessageAndWriteNothing() {
        Path store = folder.resolve("store");
        try (var memory = MemoryOutcomes.open(MemoryOutcomes.Kind.H2)) {
            memory.matched(new SampleDataGenerator(5).generate(120), JUNE);

            assertThat(command.execute(memory.command("--from-memory", "--store", store.toString())))
                    .isEqualTo(1);
        }
        assertThat(printed())
                .contains(
                        "Training stopped, nothing was written: the history has ",
                        "training needs at least 50 of each");
        assertThat(store).doesNotExist();
    }

    @Test
    void shouldRefuseFromMemoryTogetherWithData() {
        assertThat(command.execute(new String[] {"--from-memory", "--data", "history.csv"}))
                .isEqualTo(2);
        assertThat(printed())
                .contains(
                        "Error: --from-memory and --data are two histories: give one of them",
                        "Usage: java -jar target/smoft-crm-intelligent.jar train");
    }

    @Test
    void shouldRefuseTheServersDatabaseSettingsWithoutFromMemoryOrWithoutTheirValue() {
        assertThat(command.execute(new String[] {"--spring.datasource.url", "jdbc:h2:mem:x"}))
                .isEqualTo(2);
        assertThat(printed())
                .contains("Error: --spring.datasource.url names the memory's database: it goes with --from-memory");
        output.reset();
        assertThat(command.execute(new String[] {"--from-memory", "--spring.datasource.url"}))
                .isEqualTo(2);
        assertThat(printed()).contains("Error: --spring.datasource.url needs a value: --spring.datasource.url=VALUE");
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }

    static void writeCsv(Path file, List<LabeledCustomer> history) throws IOException {
        StringBuilder csv = new StringBuilder("customer_id,days_since_last_contact,total_contacts,total_spent,"
                + "emails_sent,emails_opened,website_visits,customer_age_days,converted\n");
        for (LabeledCustomer labeled : history) {
            Customer c = labeled.customer();
            csv.append(c.customerId())
                    .append(',')
                    .append(c.daysSinceLastContact())
                    .append(',')
                    .append(c.totalContacts())
                    .append(',')
                    .append(c.totalSpent())
                    .append(',')
                    .append(c.emailsSent())
                    .append(',')
                    .append(c.emailsOpened())
                    .append(',')
                    .append(c.websiteVisits())
                    .append(',')
                    .append(c.customerAgeDays())
                    .append(',')
                    .append(labeled.converted() ? 1 : 0)
                    .append('\n');
        }
        Files.writeString(file, csv);
    }
}
