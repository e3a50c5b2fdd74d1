package com.smoft.crm.training;

import java.io.PrintStream;
import java.util.OptionalInt;
import java.util.function.Consumer;
import picocli.CommandLine;

/** How the commands read their arguments with picocli: the usage for {@code --help}, an error and the usage otherwise. */
final class CommandLines {

    /** The exit code of a command refused for its arguments. */
    static final int BAD_USAGE = 2;

    private CommandLines() {}

    /**
     * Fills {@code arguments} from the command line.
     *
     * @param check the rules between options, throwing {@link CommandLine.ParameterException} for a broken one
     * @return the exit code to stop with (0 after the usage was asked for, {@value #BAD_USAGE} after an error), or
     *         empty when the command is to run
     */
    static <T> OptionalInt parse(T arguments, String[] args, PrintStream out, Consumer<CommandLine> check) {
        CommandLine line = new CommandLine(arguments).setUsageHelpWidth(110);
        try {
            line.parseArgs(args);
            if (line.isUsageHelpRequested()) {
                line.usage(out);
                return OptionalInt.of(0);
            }
            check.accept(line);
            return OptionalInt.empty();
        } catch (CommandLine.ParameterException e) {
            out.println("Error: " + e.getMessage());
            line.usage(out);
            return OptionalInt.of(BAD_USAGE);
        }
    }
}
