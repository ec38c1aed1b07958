package io.vigil.detection.cli;

import io.vigil.detection.parse.RuleError;
import io.vigil.detection.parse.RuleFiles;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.sigma.SigmaCheck;
import io.vigil.detection.testing.RuleTestFile;
import io.vigil.detection.testing.RuleTestParser;
import io.vigil.detection.testing.RuleTestRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./vigil rules validate|test [PATH...]}: checks rule files (native and Sigma), and runs
 * every rule's own test cases through the compiled detection operators. PATH defaults to
 * {@code rules}. {@code ./vigil rules check-sigma DIR [--report FILE]} measures a Sigma corpus.
 */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = "Check detection rules and run their test cases.",
        subcommands = {
            RulesCommand.Validate.class,
            RulesCommand.Test.class,
            RulesCommand.CheckSigma.class,
            RulesCommand.Version.class,
            BacktestCommand.class
        })
public final class RulesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RulesCommand()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "say 'validate', 'test', 'check-sigma', 'version' or 'backtest'");
    }

    static List<Path> orDefault(List<Path> paths) {
        return paths == null || paths.isEmpty() ? List.of(Path.of("rules")) : paths;
    }

    /** The rule files and test files under the paths, each completed with its partner beside it. */
    record Files2(List<Path> ruleFiles, List<Path> testFiles, List<RuleError> missing) {
        static Files2 find(List<Path> paths) {
            RuleFiles.Loaded found = RuleFiles.load(paths);
            Set<Path> rules = new LinkedHashSet<>(found.ruleFiles());
            Set<Path> tests = new LinkedHashSet<>(found.testFiles());
            for (Path test : found.testFiles()) {
                Path rule = RuleFiles.ruleFileOf(test);
                if (Files.exists(rule)) {
                    rules.add(rule);
                }
            }
            for (Path rule : found.ruleFiles()) {
                String name = rule.getFileName().toString();
                String stem = name.substring(0, name.lastIndexOf('.'));
                for (String ext : List.of(".tests.yml", ".tests.yaml")) {
                    Path test = rule.resolveSibling(stem + ext);
                    if (Files.exists(test)) {
                        tests.add(test);
                    }
                }
            }
            List<RuleError> missing = found.errors().stream()
                    .filter(e -> e.line() == 0 && e.message().startsWith("no such file"))
                    .toList();
            return new Files2(new ArrayList<>(rules), new ArrayList<>(tests), missing);
        }
    }

    static RuleTestParser.Parsed parseTests(Path file) {
        try {
            return RuleTestParser.parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new RuleTestParser.Parsed(
                    null, List.of(new RuleError(file.toString(), 0, "cannot read: " + e.getMessage())));
        }
    }

    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description =
                    "Check rule files (and their test files); print each error as file:line: message; exit 1 on any.")
    static final class Validate implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "PATH", description = "rule files or directories (default: rules)")
        List<Path> paths;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Files2 files = Files2.find(orDefault(paths));
            RuleFiles.Loaded loaded = RuleFiles.load(files.ruleFiles());
            List<RuleError> errors = new ArrayList<>(files.missing());
            errors.addAll(loaded.errors());
            for (Path test : files.testFiles()) {
                errors.addAll(parseTests(test).errors());
            }
            errors.forEach(out::println);
            // dormant rules are valid, but never run: say so, each with its reason
            for (Rule rule : loaded.rules()) {
                if (rule.dormant()) {
                    out.println(rule.source() + ":" + rule.line() + ": dormant: " + rule.id() + ": "
                            + rule.activation().dormant());
                }
            }
            if (!errors.isEmpty()) {
                out.println(errors.size() + (errors.size() == 1 ? " error" : " errors") + " in "
                        + (files.ruleFiles().size() + files.testFiles().size()) + " files");
                return 1;
            }
            long dormant = loaded.rules().stream().filter(Rule::dormant).count();
            long shadow = loaded.rules().stream().filter(Rule::shadow).count();
            out.println(loaded.rules().size() + " rules (" + dormant + " dormant, " + shadow + " shadow) and "
                    + files.testFiles().size() + " test files are valid");
            return 0;
        }
    }

    @Command(
            name = "version",
            mixinStandardHelpOptions = true,
            description =
                    "Print the rule set's version: the SHA-256 the job publishes with its rules (GET /rules: rule_set).")
    static final class Version implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "DIR", description = "the rules directory (default: rules)")
        Path directory;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path dir = directory == null ? Path.of("rules") : directory;
            if (!Files.exists(dir)) {
                spec.commandLine().getOut().println(dir + ": no such file or directory");
                return 2;
            }
            spec.commandLine().getOut().println(io.vigil.detection.parse.RuleSetVersion.of(dir));
            return 0;
        }
    }

    @Command(
            name = "check-sigma",
            mixinStandardHelpOptions = true,
            description =
                    "Compile every Sigma file under DIR; print each that does not compile (file:line: reason), then 'compiled N of M'.")
    static final class CheckSigma implements Callable<Integer> {
        @Parameters(
                index = "0",
                paramLabel = "DIR",
                description = "a directory of Sigma rules (e.g. a SigmaHQ checkout's rules/linux)")
        Path directory;

        @CommandLine.Option(names = "--report", paramLabel = "FILE", description = "also write the outcome as JSON")
        Path report;

        @CommandLine.Option(names = "--dormant", description = "list every dormant file as file:line: dormant: reason")
        boolean listDormant;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            if (!Files.isDirectory(directory)) {
                out.println(directory + ": not a directory");
                return 2;
            }
            SigmaCheck.Report result = SigmaCheck.run(directory);
            for (SigmaCheck.Outcome outcome : result.outcomes()) {
                if (!outcome.compiled()) {
                    out.println(outcome.firstError());
                }
            }
            if (listDormant) {
                for (SigmaCheck.Outcome outcome : result.outcomes()) {
                    if (outcome.compiled() && !outcome.canFire()) {
                        out.println(outcome.dormant().file() + ":"
                                + outcome.dormant().line() + ": dormant: "
                                + outcome.dormant().message());
                    }
                }
            }
            result.dormantReasons().forEach((reason, n) -> out.println("dormant " + n + ": " + reason));
            if (report != null) {
                Files.writeString(report, result.toJson() + "\n", StandardCharsets.UTF_8);
            }
            // the count is the result, not a failure: a corpus is expected to have rules we cannot run
            out.println(
                    "compiled " + result.compiled() + " of " + result.outcomes().size() + " (" + result.canFire()
                            + " can fire, " + result.dormant() + " dormant)");
            out.flush();
            return 0;
        }
    }

    /**
     * The loaded rules plus any rule the tests name (a case may expect another rule's alert)
     * that was not among the paths given, taken from the default {@code rules} directory.
     */
    static List<Rule> withReferencedRules(List<Rule> loaded, List<RuleTestFile> tests) {
        Set<String> have = new LinkedHashSet<>();
        loaded.forEach(r -> have.add(r.id()));
        Set<String> wanted = new LinkedHashSet<>();
        for (RuleTestFile file : tests) {
            if (file.ruleId() != null) {
                wanted.add(file.ruleId());
            }
            file.cases()
                    .forEach(c -> c.expected().forEach(e -> {
                        if (e.ruleId() != null) {
                            wanted.add(e.ruleId());
                        }
                    }));
        }
        wanted.removeAll(have);
        Path defaults = Path.of("rules");
        if (wanted.isEmpty() || !Files.isDirectory(defaults)) {
            return loaded;
        }
        List<Rule> all = new ArrayList<>(loaded);
        RuleFiles.load(List.of(defaults)).rules().stream()
                .filter(r -> wanted.contains(r.id()))
                .forEach(all::add);
        return all;
    }

    /** Files all of whose rules are dormant. */
    static Set<String> dormantFiles(List<Rule> rules) {
        Set<String> dormant = new LinkedHashSet<>();
        Set<String> running = new LinkedHashSet<>();
        for (Rule rule : rules) {
            (rule.dormant() ? dormant : running)
                    .add(Path.of(rule.source()).normalize().toString());
        }
        dormant.removeAll(running);
        return dormant;
    }

    @Command(
            name = "test",
            mixinStandardHelpOptions = true,
            description = "Run every rule's test cases through the real detection operators (one local Flink run).")
    static final class Test implements Callable<Integer> {
        @Parameters(
                arity = "0..*",
                paramLabel = "PATH",
                description = "rule or test files, or directories (default: rules)")
        List<Path> paths;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Files2 files = Files2.find(orDefault(paths));
            RuleFiles.Loaded loaded = RuleFiles.load(files.ruleFiles());
            int failed = 0;
            for (RuleError error : files.missing()) {
                out.println("FAIL  " + error);
                failed++;
            }
            for (RuleError error : loaded.errors()) {
                out.println("FAIL  " + error);
                failed++;
            }
            List<RuleTestFile> tests = new ArrayList<>();
            Set<String> tested = new LinkedHashSet<>();
            for (Path file : files.testFiles()) {
                RuleTestParser.Parsed parsed = parseTests(file);
                for (RuleError error : parsed.errors()) {
                    out.println("FAIL  " + error);
                    failed++;
                }
                if (parsed.tests() != null) {
                    tests.add(parsed.tests());
                    tested.add(Path.of(parsed.tests().ruleFile()).normalize().toString());
                }
            }
            Set<String> dormantOnly = dormantFiles(loaded.rules());
            for (Path rule : files.ruleFiles()) {
                if (dormantOnly.contains(rule.normalize().toString())) {
                    // it can never fire, so there is nothing to test until its logsource exists
                    out.println("DORMANT  " + rule + ": never runs: "
                            + loaded.rules().stream()
                                    .filter(r -> Path.of(r.source()).normalize().equals(rule.normalize()))
                                    .findFirst()
                                    .map(r -> r.activation().dormant())
                                    .orElse(""));
                    continue;
                }
                if (!tested.contains(rule.normalize().toString())) {
                    out.println("FAIL  " + rule + ": no test cases (add "
                            + rule.getFileName().toString().replaceFirst("\\.ya?ml$", ".tests.yml") + " beside it)");
                    failed++;
                }
            }
            out.flush();
            int passed = 0;
            List<RuleTestRunner.CaseResult> results;
            try {
                results = RuleTestRunner.run(tests, withReferencedRules(loaded.rules(), tests));
            } catch (Exception e) {
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                out.println("FAIL  the test run itself failed: " + cause);
                for (StackTraceElement frame : cause.getStackTrace()) {
                    out.println("        at " + frame);
                }
                out.println(passed + " passed, " + (failed + 1) + " failed");
                out.flush();
                return 1;
            }
            for (RuleTestRunner.CaseResult result : results) {
                out.println(result);
                if (result.passed()) {
                    passed++;
                } else {
                    failed++;
                }
            }
            out.println(passed + " passed, " + failed + " failed");
            out.flush();
            return failed == 0 ? 0 : 1;
        }
    }
}
