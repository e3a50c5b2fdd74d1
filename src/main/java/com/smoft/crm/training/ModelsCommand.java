package com.smoft.crm.training;

import com.smoft.crm.scoring.LoadedModel;
import com.smoft.crm.scoring.ModelCard;
import com.smoft.crm.scoring.ModelLoadException;
import com.smoft.crm.scoring.ModelStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code models} subcommand, for operators without HTTP: list the store's versions, promote one, roll back.
 * A running server follows the store's pointer by itself within seconds.
 *
 * <pre>
 * java -jar target/smoft-crm-intelligent.jar models list|promote VERSION|rollback [--store DIR]
 * </pre>
 */
public final class ModelsCommand {

    private static final String USAGE = """
            Usage: java -jar target/smoft-crm-intelligent.jar models ACTION [--store DIR]
              list              every version of the store, newest first, the serving one marked
              promote VERSION   serve VERSION (its first 8 characters or more are enough), once it has been verified
              rollback          serve again the version served before the current one
              --store DIR       the model store (default model)
            """;

    private final PrintStream out;

    ModelsCommand(PrintStream out) {
        this.out = out;
    }

    /** Runs the command; returns the process exit code (0 on success, 1 when refused, 2 on bad usage). */
    public static int run(String[] args) {
        return new ModelsCommand(System.out).execute(args);
    }

    int execute(String[] args) {
        List<String> words = new ArrayList<>();
        Path folder = ModelStore.DEFAULT_FOLDER;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--store") && i + 1 < args.length) {
                folder = Path.of(args[++i]);
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                out.print(USAGE);
                return 0;
            } else {
                words.add(args[i]);
            }
        }
        ModelStore store = new ModelStore(folder);
        try {
            switch (words.isEmpty() ? "" : words.getFirst()) {
                case "list" -> {
                    if (words.size() != 1) {
                        return usage("list takes no argument");
                    }
                    list(store);
                }
                case "promote" -> {
                    if (words.size() != 2) {
                        return usage("promote takes one version");
                    }
                    String before = store.serving().orElse("none");
                    LoadedModel model = store.promote(words.get(1));
                    out.println("Version " + model.version() + " now serves (was " + before + ").");
                }
                case "rollback" -> {
                    if (words.size() != 1) {
                        return usage("rollback takes no argument");
                    }
                    String before = store.serving().orElse("none");
                    LoadedModel model = store.rollback();
                    out.println("Version " + model.version() + " serves again (was " + before + ").");
                }
                default -> {
                    return usage(words.isEmpty() ? "an action is needed" : "unknown action " + words.getFirst());
                }
            }
            return 0;
        } catch (ModelStore.UnknownVersionException | IllegalStateException e) {
            out.println("Refused: " + e.getMessage());
            return 1;
        } catch (ModelLoadException e) {
            out.println("Refused, nothing changed: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            out.println("Refused, nothing changed: " + e.getMessage());
            return 1;
        }
    }

    private void list(ModelStore store) {
        List<ModelStore.Version> versions = store.versions();
        if (versions.isEmpty()) {
            out.println("The store " + store.folder().toAbsolutePath() + " holds no version. Train one with: train --store "
                    + store.folder());
            return;
        }
        out.printf(Locale.ROOT, "  %-12s  %-10s  %-20s  %8s  %9s  %6s  %s%n", "version", "status", "trained at", "rows",
                "converted", "AUC", "data");
        for (ModelStore.Version version : versions) {
            ModelCard card = version.card();
            if (card == null) {
                out.printf(Locale.ROOT, "  %-12s  %-10s  %s%n", version.version().substring(0, 12), version.status(), version.problem());
                continue;
            }
            out.printf(Locale.ROOT, "%s %-12s  %-10s  %-20s  %8d  %9d  %6.3f  %s%n",
                    version.status() == ModelStore.Status.serving ? "*" : " ", card.version().substring(0, 12),
                    version.status(), card.trainedAt().substring(0, Math.min(19, card.trainedAt().length())), card.rowCount(),
                    card.convertedCount(), card.holdout().auc(), card.dataSource());
            if (version.decision() != null) {
                out.println("                " + version.decision().reason());
            }
        }
    }

    private int usage(String problem) {
        out.println("Error: " + problem);
        out.print(USAGE);
        return 2;
    }
}
