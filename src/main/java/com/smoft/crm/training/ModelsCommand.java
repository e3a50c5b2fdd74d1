package com.smoft.crm.training;

import com.smoft.crm.scoring.LoadedModel;
import com.smoft.crm.scoring.ModelCard;
import com.smoft.crm.scoring.ModelLoadException;
import com.smoft.crm.scoring.ModelStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code models} subcommand, for operators without HTTP: list the store's versions, promote one, roll back.
 * A running server follows the store's pointer by itself within seconds.
 *
 * <pre>
 * java -jar target/smoft-crm-intelligent.jar models list|promote VERSION|rollback [--store DIR]
 * </pre>
 */
public final class ModelsCommand {

    private final PrintStream out;

    ModelsCommand(PrintStream out) {
        this.out = out;
    }

    /** Runs the command; returns the process exit code (0 on success, 1 when refused, 2 on bad usage). */
    public static int run(String[] args) {
        return new ModelsCommand(System.out).execute(args);
    }

    int execute(String[] args) {
        Arguments arguments = new Arguments();
        OptionalInt stop = CommandLines.parse(arguments, args, out, arguments::check);
        if (stop.isPresent()) {
            return stop.getAsInt();
        }
        List<String> words = arguments.words;
        ModelStore store = new ModelStore(arguments.store);
        if (!Files.isDirectory(arguments.store)) {
            out.println("No model store at " + arguments.store.toAbsolutePath()
                    + ": give --store the folder train wrote (default: model).");
            return 1;
        }
        try {
            switch (words.isEmpty() ? "" : words.getFirst()) {
                case "list" -> {
                    list(store);
                }
                case "promote" -> {
                    String before = store.serving().orElse("none");
                    LoadedModel model = store.promote(words.get(1));
                    out.println("Version " + model.version() + " now serves (was " + before + ").");
                }
                case "rollback" -> {
                    String before = store.serving().orElse("none");
                    LoadedModel model = store.rollback();
                    out.println("Version " + model.version() + " serves again (was " + before + ").");
                }
                default -> throw new IllegalStateException("checked before: " + words.getFirst());
            }
            return 0;
        } catch (ModelStore.UnknownVersionException | IllegalStateException e) {
            out.println("Refused: " + e.getMessage());
            return 1;
        } catch (ModelLoadException e) {
            out.println("Refused, nothing changed: " + ModelHints.withHint(e));
            return 1;
        } catch (IOException e) {
            out.println("Refused, nothing changed: " + e.getMessage());
            return 1;
        }
    }

    private void list(ModelStore store) {
        List<ModelStore.Version> versions = store.versions();
        if (versions.isEmpty()) {
            out.println("The store " + store.folder().toAbsolutePath()
                    + " holds no version. Train one with: train --store " + store.folder());
            return;
        }
        out.printf(
                Locale.ROOT,
                "  %-12s  %-10s  %-20s  %8s  %9s  %6s  %s%n",
                "version",
                "status",
                "trained at",
                "rows",
                "converted",
                "AUC",
                "data");
        for (ModelStore.Version version : versions) {
            ModelCard card = version.card();
            if (card == null) {
                out.printf(
                        Locale.ROOT,
                        "  %-12s  %-10s  %s%n",
                        version.version().substring(0, 12),
                        version.status(),
                        version.problem().words());
                continue;
            }
            out.printf(
                    Locale.ROOT,
                    "%s %-12s  %-10s  %-20s  %8d  %9d  %6.3f  %s%n",
                    version.status() == ModelStore.Status.serving ? "*" : " ",
                    card.version().substring(0, 12),
                    version.status(),
                    card.trainedAt().substring(0, Math.min(19, card.trainedAt().length())),
                    card.rowCount(),
                    card.convertedCount(),
                    card.holdout().auc(),
                    card.dataSource());
            if (version.decision() != null) {
                out.println("                " + version.decision().reason());
                if (!version.decision().promoted() && version.status() == ModelStore.Status.serving) {
                    out.println("                served since: promoted by hand (models promote or the API)");
                }
            }
        }
    }

    /** The command line, as picocli reads it: an action, its version for promote, the store. */
    @Command(
            name = "java -jar target/smoft-crm-intelligent.jar models",
            showDefaultValues = true,
            description = "Lists the versions of a model store, serves one, or serves again the one served before. "
                    + "A running server follows the store within crm.model.watch-interval.",
            footer = {
                "Actions:",
                "  list              every version of the store, newest first, the serving one marked *",
                "  promote VERSION   serve VERSION (its first 8 characters or more are enough), once it has been verified",
                "  rollback          serve again the version served before the current one"
            })
    static final class Arguments {

        @Parameters(
                paramLabel = "ACTION",
                arity = "1..2",
                showDefaultValue = CommandLine.Help.Visibility.NEVER,
                description = "list, promote VERSION or rollback")
        private List<String> words = new ArrayList<>();

        @Option(names = "--store", paramLabel = "DIR", description = "the model store")
        private Path store = ModelStore.DEFAULT_FOLDER;

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "this help")
        private boolean help;

        void check(CommandLine line) {
            int expected = switch (words.getFirst()) {
                case "list", "rollback" -> 1;
                case "promote" -> 2;
                default ->
                    throw new CommandLine.ParameterException(
                            line, "unknown action " + words.getFirst() + ": list, promote VERSION or rollback");
            };
            if (words.size() != expected) {
                throw new CommandLine.ParameterException(
                        line, words.getFirst() + (expected == 2 ? " takes one version" : " takes no argument"));
            }
        }
    }
}
