package com.smoft.crm.training;

import com.smoft.crm.scoring.ModelCard;
import com.smoft.crm.scoring.ModelFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code train} subcommand: trains a model on sample data or on a CSV history and saves it,
 * with its card, where the server will load it. Starts no web server.
 *
 * <pre>
 * java -jar target/smoft-crm-intelligent.jar train [--data FILE.csv] [--output PATH] [--trees N] [--seed S]
 *                                                  [--rows N] [--max-depth D] [--node-size N]
 * </pre>
 */
public final class TrainCommand {

    /** Sample customers generated when no history is given. */
    static final int DEFAULT_SAMPLE_ROWS = 20_000;

    private static final String USAGE = """
            Usage: java -jar target/smoft-crm-intelligent.jar train [options]
              --data FILE.csv   train on your own history (header: customer_id, days_since_last_contact,
                                total_contacts, total_spent, emails_sent, emails_opened, website_visits,
                                customer_age_days, converted); without it, on generated sample data
              --output PATH     where to write the model, card inside (default model/crm-scoring-model.bin);
                                a readable copy of the card goes beside it as .json
              --trees N         number of trees (default 100)
              --seed S          seed of the split, the trees and the sample data (default 42)
              --rows N          sample customers to generate without --data (default 20000)
              --max-depth D     maximum tree depth, 2 to 16 (default 12)
              --node-size N     minimum customers per leaf (default 20)
            """;

    private final PrintStream out;

    TrainCommand(PrintStream out) {
        this.out = out;
    }

    /** Runs the command; returns the process exit code (0 on success, 1 on bad data, 2 on bad usage). */
    public static int run(String[] args) {
        return new TrainCommand(System.out).execute(args);
    }

    int execute(String[] args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("Error: " + e.getMessage());
            out.print(USAGE);
            return 2;
        }
        if (arguments.help()) {
            out.print(USAGE);
            return 0;
        }
        try {
            List<LabeledCustomer> history;
            String source;
            if (arguments.data() == null) {
                source = "sample data (seed " + arguments.options().seed() + ", " + arguments.rows() + " customers)";
                history = new SampleDataGenerator(arguments.options().seed()).generate(arguments.rows());
            } else {
                source = arguments.data().toString();
                if (!Files.isRegularFile(arguments.data())) {
                    throw new TrainingDataException("no such file: " + arguments.data().toAbsolutePath());
                }
                history = HistoryCsvReader.read(arguments.data());
            }
            out.printf(Locale.ROOT, "Training on %s: %d customers, %d trees%n", source, history.size(), arguments.options().trees());
            Trainer.Result result = Trainer.train(history, source, arguments.options(), progress(arguments.options().trees()));
            ModelCard card = ModelFiles.save(result.model(), result.card(), arguments.output());
            printReport(card, arguments.output());
            return 0;
        } catch (TrainingDataException e) {
            out.println();
            out.println("Training stopped, the existing model is untouched: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            out.println();
            out.println("Training stopped, the existing model is untouched: " + e.getMessage());
            return 1;
        }
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
                    out.printf(Locale.ROOT, "  trees %4d/%d  elapsed %6.1f s  left ~%6.1f s%n", done, trees, elapsed, left);
                }
            }
        };
    }

    private void printReport(ModelCard card, Path output) throws IOException {
        ModelCard.HoldoutMetrics holdout = card.holdout();
        out.println();
        out.printf(Locale.ROOT, "Holdout metrics (%d customers never used in training, base rate %.1f %%)%n",
                card.split().holdout(), 100 * holdout.baseRate());
        out.println("  +----------------------------+---------+");
        row("AUC", holdout.auc());
        row("Accuracy (p >= 0.5)", holdout.accuracy());
        row("Brier score", holdout.brierScore());
        row("Calibration error (ECE)", holdout.calibrationError());
        row("Hot precision (score>=" + card.thresholds().hot() + ")", holdout.hotPrecision());
        row("Hot recall", holdout.hotRecall());
        row("Out-of-bag accuracy", card.outOfBag().accuracy());
        out.println("  +----------------------------+---------+");
        out.printf(Locale.ROOT, "Trained in %.1f s. Model written to %s (%,d bytes), card copy %s%n", card.trainingSeconds(),
                output, Files.size(output), ModelFiles.cardPath(output));
        out.println("Version " + card.version());
    }

    private void row(String name, double value) {
        out.printf(Locale.ROOT, "  | %-26s | %7.4f |%n", name, value);
    }

    /** Parsed command line. */
    record Arguments(Path data, Path output, int rows, TrainingOptions options, boolean help) {

        static Arguments parse(String[] args) {
            Path data = null;
            Path output = ModelFiles.DEFAULT_MODEL_PATH;
            int rows = DEFAULT_SAMPLE_ROWS;
            TrainingOptions defaults = TrainingOptions.DEFAULT;
            int trees = defaults.trees();
            int maxDepth = defaults.maxDepth();
            int nodeSize = defaults.nodeSize();
            long seed = defaults.seed();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--help") || name.equals("-h")) {
                    return new Arguments(null, output, rows, defaults, true);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--data" -> data = Path.of(value);
                    case "--output" -> output = Path.of(value);
                    case "--rows" -> rows = positive(name, value);
                    case "--trees" -> trees = positive(name, value);
                    case "--max-depth" -> maxDepth = positive(name, value);
                    case "--node-size" -> nodeSize = positive(name, value);
                    case "--seed" -> seed = parseLong(name, value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (maxDepth < 2 || maxDepth > ModelFiles.MAX_TREE_DEPTH) {
                throw new IllegalArgumentException("--max-depth must be from 2 to " + ModelFiles.MAX_TREE_DEPTH
                        + " (deeper trees overfit, and the server refuses model files nested deeper)");
            }
            TrainingOptions options = new TrainingOptions(trees, maxDepth, nodeSize, seed,
                    defaults.hotThreshold(), defaults.warmThreshold());
            return new Arguments(data, output, rows, options, false);
        }

        private static int positive(String name, String value) {
            long parsed = parseLong(name, value);
            if (parsed < 1 || parsed > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + " must be a positive whole number, got " + value);
            }
            return (int) parsed;
        }

        private static long parseLong(String name, String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, got " + value);
            }
        }
    }
}
