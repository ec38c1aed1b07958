package io.vigil.query.protect;

import io.vigil.common.protect.FieldKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./vigil keys create|rotate [--file F]}: the field keys of docs/protection.md. {@code create}
 * makes the file (0600, in a 0700 directory) when it does not exist; {@code rotate} adds a key and
 * makes it the active one, keeping the older ones so every stored value stays readable. The file
 * defaults to {@code $VIGIL_DATA/secrets/field-keys.properties}. Exit 0 on success, 1 on failure.
 */
@Command(
        name = "vigil keys",
        mixinStandardHelpOptions = true,
        description = "Creates or rotates the keys of field encryption.",
        subcommands = {KeysCommand.Create.class, KeysCommand.Rotate.class})
public final class KeysCommand implements Callable<Integer> {
    @Option(names = "--file", description = "keys file (default: $VIGIL_DATA/secrets/field-keys.properties)")
    Path file;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new KeysCommand());
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    Path file() {
        if (file != null) {
            return file;
        }
        String data = System.getenv().getOrDefault("VIGIL_DATA", "./.vigil-data");
        return FieldKeys.inDataDir(Path.of(data));
    }

    /** What both subcommands need: the file {@code --file} names, and the streams {@link #run} set. */
    abstract static class KeysSubcommand implements Callable<Integer> {
        @CommandLine.ParentCommand
        KeysCommand parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }
    }

    @Command(name = "create", description = "Creates the keys file unless it exists.")
    static final class Create extends KeysSubcommand {
        @Override
        public Integer call() throws IOException {
            Path file = parent.file();
            if (!FieldKeys.createIfAbsent(file)) {
                out().println(file + " exists; nothing changed");
                return 0;
            }
            out().println("created " + file + " (mode 0600): back it up; values encrypted under a lost key are lost");
            return 0;
        }
    }

    @Command(name = "rotate", description = "Adds a key and makes it the active one; older keys stay for reading.")
    static final class Rotate extends KeysSubcommand {
        @Override
        public Integer call() {
            Path file = parent.file();
            try {
                String id = FieldKeys.rotate(file);
                out().println("active key is now " + id + " in " + file
                        + "; restart the job to encrypt with it (the query service reads the file again by itself)");
                return 0;
            } catch (IOException | IllegalArgumentException e) {
                err().println("cannot rotate " + file + ": " + e.getMessage());
                return 1;
            }
        }
    }
}
