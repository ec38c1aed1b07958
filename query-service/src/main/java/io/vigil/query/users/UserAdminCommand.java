package io.vigil.query.users;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./vigil user add NAME --role viewer|analyst|admin [--hosts GLOB,...]}: adds or updates a
 * dashboard/API user in {@code $VIGIL_DATA/users.json}, through the same {@link UserStore} the
 * server reads, without starting a server.
 *
 * <p>Run as {@code java -cp vigil-query-service.jar io.vigil.query.users.UserAdminCommand add NAME
 * --role R [--hosts a,b]}. The password comes from {@code VIGIL_USER_PASSWORD}, else it is asked
 * for on the terminal (not echoed), else read as one line from standard input. Exit status 0 on
 * success, 2 on bad input, 1 when the file cannot be written.
 */
@Command(
        name = "vigil user",
        mixinStandardHelpOptions = true,
        description = "Manages the users of the Vigil dashboard and API.",
        subcommands = UserAdminCommand.Add.class)
public final class UserAdminCommand implements Callable<Integer> {
    public static final String PASSWORD_ENV = "VIGIL_USER_PASSWORD";
    public static final String DATA_ENV = "VIGIL_DATA";
    public static final String DEFAULT_DATA = "./.vigil-data";
    static final int MIN_PASSWORD_LENGTH = Passwords.MIN_LENGTH;

    private final Map<String, String> env;
    private final InputStream stdin;
    private final Console terminal;

    UserAdminCommand(Map<String, String> env, InputStream stdin, Console terminal) {
        this.env = env;
        this.stdin = stdin;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        System.exit(run(
                args,
                System.getenv(),
                System.in,
                System.console(),
                new PrintWriter(System.out, true),
                new PrintWriter(System.err, true)));
    }

    /** Runs the command; returns the exit status. */
    static int run(
            String[] args,
            Map<String, String> env,
            InputStream stdin,
            Console terminal,
            PrintWriter out,
            PrintWriter err) {
        CommandLine cli = new CommandLine(new UserAdminCommand(env, stdin, terminal));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException) {
                commandLine.getErr().println("vigil user: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            commandLine.getErr().println("vigil user: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cli.execute(args);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try: add)");
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Adds a user, or updates the password, role and hosts of an existing one. "
                    + "The password is read from " + PASSWORD_ENV + ", else from the terminal or "
                    + "one line of standard input.")
    static final class Add implements Callable<Integer> {
        @CommandLine.ParentCommand
        UserAdminCommand parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "the user name")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "viewer, analyst or admin")
        String role;

        @Option(
                names = "--hosts",
                split = ",",
                paramLabel = "GLOB",
                description = "only these hosts (globs with * and ?, comma-separated); default: all")
        List<String> hosts = List.of();

        @Option(
                names = "--data",
                paramLabel = "DIR",
                description = "data directory (default: $" + DATA_ENV + ", else " + DEFAULT_DATA + ")")
        Path data;

        @Override
        public Integer call() {
            Role parsedRole = Role.parse(role)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "unknown role '" + role + "' (expected one of " + Role.names() + ")"));
            User.requireValidUsername(name);
            hosts.forEach(User::requireValidHostGlob);
            String password = parent.readPassword(name);
            Passwords.requireUsable(password, MIN_PASSWORD_LENGTH);

            Path dir = data != null ? data : Path.of(parent.env.getOrDefault(DATA_ENV, DEFAULT_DATA));
            UserStore store = new UserStore(dir);
            boolean added = store.save(new User(name, Passwords.hash(password), List.of(parsedRole), hosts));
            spec.commandLine()
                    .getOut()
                    .printf(
                            "%s user '%s' (role %s, hosts %s) in %s%n",
                            added ? "Added" : "Updated",
                            name,
                            parsedRole.id(),
                            hosts.isEmpty() ? "all" : String.join(",", hosts),
                            store.file());
            return CommandLine.ExitCode.OK;
        }
    }

    private String readPassword(String user) {
        String fromEnv = env.get(PASSWORD_ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        if (terminal != null) {
            char[] typed = terminal.readPassword("Password for %s: ", user);
            if (typed == null) {
                throw new IllegalArgumentException("no password given");
            }
            char[] again = terminal.readPassword("Repeat the password: ");
            if (again == null || !Arrays.equals(typed, again)) {
                throw new IllegalArgumentException("the passwords differ");
            }
            return new String(typed);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new IllegalArgumentException("no password: set " + PASSWORD_ENV + " or pipe it on stdin");
            }
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password from stdin", e);
        }
    }
}
