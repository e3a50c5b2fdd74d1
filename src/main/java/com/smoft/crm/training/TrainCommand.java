package com.smoft.crm.training;

import com.smoft.crm.scoring.LoadedModel;
import com.smoft.crm.scoring.ModelCard;
import com.smoft.crm.scoring.ModelFiles;
import com.smoft.crm.scoring.ModelLoadException;
import com.smoft.crm.scoring.ModelStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code train} subcommand: trains a model on sample data, on a CSV history or on the outcomes recorded in the
 * memory, adds it to the model store as a new version and promotes it if it is better (or writes a single model file
 * with {@code --output}). Starts no web server.
 *
 * <pre>
 * java -jar target/smoft-crm-intelligent.jar train [--data FILE.csv | --from-memory [--spring.datasource.url=...]]
 *                                                  [--store DIR | --output PATH]
 *                                                  [--promote auto|always|never] [--keep N] [--trees N] [--seed S]
 *                                                  [--rows N] [--max-depth D] [--node-size N]
 * </pre>
 */
public final class TrainCommand {

    /** Sample customers generated when no history is given. */
    static final int DEFAULT_SAMPLE_ROWS = 20_000;
    /** Versions a store keeps after a training, the serving one always among them. */
    static final int DEFAULT_KEEP = 10;

    /** The prefix of the server's settings that {@code --from-memory} takes, e.g. {@code --spring.datasource.url=}. */
    static final String SERVER_SETTING = "--spring.";

    private final PrintStream out;
    private final MemoryDatabase.Opener memory;

    TrainCommand(PrintStream out, MemoryDatabase.Opener memory) {
        this.out = out;
        this.memory = memory;
    }

    /**
     * Runs the command; returns the process exit code (0 on success, 1 on bad data, 2 on bad usage).
     *
     * @param memory opens the memory's database for {@code --from-memory}, as the server names it
     */
    public static int run(String[] args, MemoryDatabase.Opener memory) {
        return new TrainCommand(System.out, memory).execute(args);
    }

    int execute(String[] args) {
        Arguments arguments = new Arguments();
        List<String> options = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith(SERVER_SETTING)) {
                options.add(args[i]);
            } else if (args[i].contains("=") || i + 1 == args.length) {
                arguments.settings.add(args[i]);
            } else {
                // Written as picocli's options may be, --name value: Spring reads --name=value.
                arguments.settings.add(args[i] + "=" + args[++i]);
            }
        }
        OptionalInt stop = CommandLines.parse(arguments, options.toArray(String[]::new), out, arguments::check);
        if (stop.isPresent()) {
            return stop.getAsInt();
        }
        try {
            List<LabeledCustomer> history;
            String source;
            ModelCard.MemoryHistory memoryHistory = null;
            if (arguments.fromMemory()) {
                MemoryHistoryReader.History read = readMemory(arguments.settings);
                history = read.customers();
                memoryHistory = read.memory();
                source = memoryHistory.describe();
                if (read.unmatched() > 0) {
                    out.printf(
                            Locale.ROOT,
                            "Left out: %d outcomes without a matched score (no score of the customer in the window "
                                    + "before the outcome)%n",
                            read.unmatched());
                }
            } else if (arguments.data() == null) {
                source = "sample data (seed " + arguments.options().seed() + ", " + arguments.rows() + " customers)";
                history = new SampleDataGenerator(arguments.options().seed()).generate(arguments.rows());
            } else {
                source = arguments.data().getFileName().toString();
                if (!Files.isRegularFile(arguments.data())) {
                    throw new TrainingDataException(
                            "no such file: " + arguments.data().toAbsolutePath());
                }
                history = HistoryCsvReader.read(arguments.data());
            }
            out.printf(
                    Locale.ROOT,
                    "Training on %s: %d customers, %d trees%n",
                    source,
                    history.size(),
                    arguments.options().trees());
            Trainer.Result result = Trainer.train(
                    history,
                    source,
                    memoryHistory,
                    arguments.options(),
                    progress(arguments.options().trees()));
            if (arguments.output() != null) {
                ModelCard card = ModelFiles.save(result.model(), result.card(), arguments.output());
                printReport(card);
                out.printf(
                        Locale.ROOT,
                        "Model written to %s (%,d bytes), card copy %s%n",
                        arguments.output(),
                        Files.size(arguments.output()),
                        ModelFiles.cardPath(arguments.output()));
                out.println("Version " + card.version());
                return 0;
            }
            addToStore(new ModelStore(arguments.store()), result, arguments);
            return 0;
        } catch (TrainingDataException | IOException e) {
            out.println();
            out.println("Training stopped, nothing was written: " + e.getMessage());
            return 1;
        }
    }

    private MemoryHistoryReader.History readMemory(List<String> settings) {
        MemoryDatabase database;
        try {
            database = memory.open(settings);
        } catch (IllegalArgumentException e) {
            throw new TrainingDataException("the memory's database settings cannot be read: " + e.getMessage());
        }
        try (database) {
            out.println("Reading the outcomes of the memory at " + database.address());
            long start = System.nanoTime();
            MemoryHistoryReader.History history = MemoryHistoryReader.read(database);
            out.printf(
                    Locale.ROOT,
                    "Read %d matched outcomes in %.1f s%n",
                    history.customers().size(),
                    (System.nanoTime() - start) / 1e9);
            return history;
        }
    }

    private void addToStore(ModelStore store, Trainer.Result result, Arguments arguments) throws IOException {
        int versionsBefore = store.versions().size();
        ModelCard card = store.add(result.model(), result.card());
        printReport(card);
        boolean added = store.versions().size() > versionsBefore;
        out.println("Version " + card.version() + (added ? " added to the store " : " was already in the store ")
                + store.folder().toAbsolutePath());
        if (card.version().equals(store.serving().orElse(null))) {
            out.println(
                    "It is the version already serving: the same data and options give the same model. Nothing changes.");
            return;
        }
        int[] converted =
                result.holdout().stream().mapToInt(c -> c.converted() ? 1 : 0).toArray();
        ModelStore.Figures candidate = figures(card.version(), card.holdout());
        ModelStore.Figures serving = null;
        Optional<String> servingVersion = store.serving();
        if (servingVersion.isPresent()) {
            try {
                LoadedModel model = store.load(servingVersion.get());
                double[] probability = result.holdout().stream()
                        .mapToDouble(c -> model.probability(model.signals(c.customer())))
                        .toArray();
                serving =
                        figures(model.version(), HoldoutEvaluation.evaluate(probability, converted, card.thresholds()));
            } catch (ModelLoadException e) {
                out.println("The serving version cannot be loaded (" + e.reason()
                        + "): the candidate is judged on its own.");
            }
        }
        ModelStore.Decision decision = Promotion.decide(
                arguments.promote(), candidate, serving, result.holdout().size());
        printComparison(decision);
        store.recordDecision(card.version(), decision);
        if (decision.promoted()) {
            store.promote(card.version());
            out.println("Version " + card.version().substring(0, 12)
                    + " now serves; a running server follows within seconds "
                    + "(or at once with POST /api/admin/model/reload). Undo with: models rollback");
        } else {
            out.println("Version " + card.version().substring(0, 12)
                    + " is kept as a candidate. Serve it anyway with: models promote "
                    + card.version().substring(0, 12));
        }
        List<String> deleted = store.prune(arguments.keep());
        for (String version : deleted) {
            out.println("Deleted version " + version.substring(0, 12) + " (the store keeps " + arguments.keep() + ")");
        }
    }

    private static ModelStore.Figures figures(String version, ModelCard.HoldoutMetrics metrics) {
        return new ModelStore.Figures(
                version, metrics.auc(), metrics.calibrationError(), metrics.accuracy(), metrics.brierScore());
    }

    private void printComparison(ModelStore.Decision decision) {
        out.println();
        out.printf(
                Locale.ROOT,
                "Promotion (%s), both models scored on the candidate's %d holdout customers:%n",
                decision.rule(),
                decision.holdoutCustomers());
        out.printf(Locale.ROOT, "  %-22s %10s %10s%n", "", "candidate", decision.serving() == null ? "" : "serving");
        comparisonRow(
                "AUC",
                decision.candidate().auc(),
                decision.serving() == null ? null : decision.serving().auc());
        comparisonRow(
                "Calibration error",
                decision.candidate().calibrationError(),
                decision.serving() == null ? null : decision.serving().calibrationError());
        comparisonRow(
                "Accuracy",
                decision.candidate().accuracy(),
                decision.serving() == null ? null : decision.serving().accuracy());
        comparisonRow(
                "Brier score",
                decision.candidate().brierScore(),
                decision.serving() == null ? null : decision.serving().brierScore());
        out.println("Decision: " + decision.reason());
    }

    private void comparisonRow(String name, double candidate, Double serving) {
        out.printf(
                Locale.ROOT,
                "  %-22s %10.4f %10s%n",
                name,
                candidate,
                serving == null ? "" : String.format(Locale.ROOT, "%.4f", serving));
    }

    private Runnable progress(int trees) {
        long start = System.nanoTime();
        AtomicInteger built = new AtomicInteger();
        int step = Math.max(1, trees / 20);
        return () -> {
            int done = built.incrementAndGet();
            if (done % step == 0 || done == trees) {
                double elapsed = (System.nanoTime() - start) / 1e9;
                double left = elapsed / done * (trees - done);
                synchronized (out) {
                    out.printf(
                            Locale.ROOT,
                            "  trees %4d/%d  elapsed %6.1f s  left ~%6.1f s%n",
                            done,
                            trees,
                            elapsed,
                            left);
                }
            }
        };
    }

    private void printReport(ModelCard card) {
        ModelCard.HoldoutMetrics holdout = card.holdout();
        out.println();
        out.printf(
                Locale.ROOT,
                "Holdout metrics (%d customers never used in training, base rate %.1f %%)%n",
                card.split().holdout(),
                100 * holdout.baseRate());
        out.println("  +----------------------------+---------+");
        row("AUC", holdout.auc());
        row("Accuracy (p >= 0.5)", holdout.accuracy());
        row("Brier score", holdout.brierScore());
        row("Calibration error (ECE)", holdout.calibrationError());
        row("Hot precision (score>=" + card.thresholds().hot() + ")", holdout.hotPrecision());
        row("Hot recall", holdout.hotRecall());
        row("Out-of-bag accuracy", card.outOfBag().accuracy());
        out.println("  +----------------------------+---------+");
        out.printf(
                Locale.ROOT,
                "Trained in %.1f s on %d customers, %d converted.%n",
                card.trainingSeconds(),
                card.rowCount(),
                card.convertedCount());
        for (String warning : card.warnings()) {
            out.println("Warning: " + warning);
        }
    }

    private void row(String name, double value) {
        out.printf(Locale.ROOT, "  | %-26s | %7.4f |%n", name, value);
    }

    /** The command line, as picocli reads it. */
    @Command(
            name = "java -jar target/smoft-crm-intelligent.jar train",
            sortOptions = false,
            showDefaultValues = true,
            description = "Trains a model on your history, on what happened to the customers the service scored (the "
                    + "memory's outcomes), or on generated sample data, and adds it to a model store as a new "
                    + "version, served if it is better. The same history and options always give the same "
                    + "model, and so the same version.",
            footer = {
                "Examples: java -jar target/smoft-crm-intelligent.jar train --data history.csv --store my-store",
                "          java -jar target/smoft-crm-intelligent.jar train --from-memory --store my-store "
                        + "--spring.datasource.url=jdbc:postgresql://db/crm"
            })
    static final class Arguments {

        @Option(
                names = "--data",
                paramLabel = "FILE.csv",
                showDefaultValue = CommandLine.Help.Visibility.NEVER,
                description =
                        "your history: a CSV with the eight input columns (their keys or usual French and English names) "
                                + "and converted (0/1, true/false, yes/no, oui/non); without it, generated sample data")
        private Path data;

        @Option(
                names = "--from-memory",
                description = "train on the outcomes recorded in the memory (POST /api/outcomes), each with the "
                        + "customer's inputs at the score it was matched with; the memory's database is the server's, "
                        + "named as for the server: its configuration files and environment (SPRING_DATASOURCE_URL...), "
                        + "or --spring.datasource.url=..., --spring.datasource.username=..., "
                        + "--spring.datasource.password=... (default the embedded data/memory of the current folder)")
        private boolean fromMemory;

        /** The server's settings given on the command line, {@code --spring.datasource.url=...}: not picocli's. */
        private final List<String> settings = new ArrayList<>();

        @Option(names = "--store", paramLabel = "DIR", description = "the model store to add the new version to")
        private Path store = ModelStore.DEFAULT_FOLDER;

        @Option(
                names = "--promote",
                paramLabel = "RULE",
                description = "auto: serve the new version only if " + Promotion.AUTO_RULE
                        + "; always; never (keep it as a candidate). Valid values: ${COMPLETION-CANDIDATES}")
        private Promotion.Rule promote;

        @Option(
                names = "--keep",
                paramLabel = "N",
                description = "versions the store keeps, the serving one always among them")
        private int keep = DEFAULT_KEEP;

        @Option(
                names = "--output",
                paramLabel = "PATH",
                showDefaultValue = CommandLine.Help.Visibility.NEVER,
                description =
                        "write a single model file (card inside, readable copy beside it as .json) instead of adding "
                                + "to the store; nothing is promoted")
        private Path output;

        @Option(names = "--trees", paramLabel = "N", description = "number of trees")
        private int trees = TrainingOptions.DEFAULT.trees();

        @Option(names = "--seed", paramLabel = "S", description = "seed of the split, the trees and the sample data")
        private long seed = TrainingOptions.DEFAULT.seed();

        @Option(names = "--rows", paramLabel = "N", description = "sample customers to generate without --data")
        private int rows = DEFAULT_SAMPLE_ROWS;

        @Option(
                names = "--max-depth",
                paramLabel = "D",
                description = "maximum tree depth, 2 to " + ModelFiles.MAX_TREE_DEPTH)
        private int maxDepth = TrainingOptions.DEFAULT.maxDepth();

        @Option(names = "--node-size", paramLabel = "N", description = "minimum customers per leaf")
        private int nodeSize = TrainingOptions.DEFAULT.nodeSize();

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "this help")
        private boolean help;

        /** The rules between options, which picocli cannot say alone. */
        void check(CommandLine line) {
            for (var positive : List.of(
                    Map.entry("--keep", keep),
                    Map.entry("--rows", rows),
                    Map.entry("--trees", trees),
                    Map.entry("--node-size", nodeSize))) {
                if (positive.getValue() < 1) {
                    throw new CommandLine.ParameterException(
                            line, positive.getKey() + " must be a positive whole number, got " + positive.getValue());
                }
            }
            if (maxDepth < 2 || maxDepth > ModelFiles.MAX_TREE_DEPTH) {
                throw new CommandLine.ParameterException(
                        line,
                        "--max-depth must be from 2 to " + ModelFiles.MAX_TREE_DEPTH
                                + " (deeper trees overfit, and the server refuses model files nested deeper)");
            }
            if (fromMemory && data != null) {
                throw new CommandLine.ParameterException(
                        line, "--from-memory and --data are two histories: give one of them");
            }
            for (String setting : settings) {
                if (!fromMemory) {
                    throw new CommandLine.ParameterException(
                            line,
                            setting.replaceFirst("=.*", "")
                                    + " names the memory's database: it goes with --from-memory");
                }
                if (!setting.contains("=")) {
                    throw new CommandLine.ParameterException(line, setting + " needs a value: " + setting + "=VALUE");
                }
            }
            boolean storeGiven = line.getParseResult().hasMatchedOption("--store");
            if (output != null && (storeGiven || promote != null)) {
                throw new CommandLine.ParameterException(
                        line, "--output writes a single file outside the store: it goes without --store and --promote");
            }
        }

        Path data() {
            return data;
        }

        boolean fromMemory() {
            return fromMemory;
        }

        Path store() {
            return store;
        }

        Path output() {
            return output;
        }

        Promotion.Rule promote() {
            return promote == null ? Promotion.Rule.auto : promote;
        }

        int keep() {
            return keep;
        }

        int rows() {
            return rows;
        }

        TrainingOptions options() {
            return new TrainingOptions(trees, maxDepth, nodeSize, seed, TrainingOptions.DEFAULT.thresholds());
        }
    }
}
