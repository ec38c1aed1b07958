package io.vigil.detection.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.Durations;
import io.vigil.common.Indices;
import io.vigil.common.protect.FieldKeys;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.alert.AlertDocuments;
import io.vigil.detection.backtest.Backtest;
import io.vigil.detection.backtest.StoredEventSource;
import io.vigil.detection.parse.RuleFiles;
import io.vigil.detection.rule.Rule;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./vigil rules backtest [PATH...] --from T --to T}: runs the rules over the events stored
 * in that range, through the job's own operators ({@link Backtest}), and prints the alerts they
 * would have raised. It only reads: nothing is written to the alerts index or anywhere else.
 */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description =
                "Run rules over stored events through the job's operators; print the alerts they would have raised. Writes nothing.")
final class BacktestCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "rule files or directories (default: rules)")
    List<Path> paths;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "T",
            description = "ISO-8601 instant, or now-1h, now-15m ...")
    String from;

    @Option(
            names = "--to",
            paramLabel = "T",
            defaultValue = "now",
            description = "ISO-8601 instant, or now (default), now-5m ...")
    String to;

    @Option(
            names = "--es",
            paramLabel = "URL",
            description = "Elasticsearch (default: $VIGIL_ES_URL, else http://localhost:9200)")
    String es;

    @Option(
            names = "--index-prefix",
            paramLabel = "P",
            description = "index prefix (default: $VIGIL_INDEX_PREFIX, else vigil)")
    String prefix;

    @Option(
            names = "--keys-file",
            paramLabel = "F",
            description = "field keys, to read protected fields (default: $VIGIL_FIELD_KEYS_FILE, "
                    + "else $VIGIL_DATA/secrets/field-keys.properties when it exists)")
    Path keysFile;

    @Option(names = "--no-keys", description = "read no protected field (for a caller who may not see them in clear)")
    boolean noKeys;

    @Option(
            names = "--max-events",
            paramLabel = "N",
            defaultValue = "1000000",
            description = "read at most this many events (default 1000000)")
    long maxEvents;

    @Option(names = "--json", description = "print the outcome as one JSON object")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> env = System.getenv();
        Instant now = Instant.now();
        Instant start = time(from, now, "--from");
        Instant end = time(to, now, "--to");
        if (!start.isBefore(end)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from must be before --to");
        }
        RuleFiles.Loaded loaded = RuleFiles.load(RulesCommand.orDefault(paths));
        if (!loaded.valid()) {
            loaded.errors().forEach(out::println);
            out.println(loaded.errors().size() + " errors: nothing was run");
            out.flush();
            return 1;
        }
        String url = es != null
                ? es
                : env.getOrDefault("VIGIL_ES_URL", "http://localhost:9200")
                        .split(",")[0]
                        .trim();
        Indices indices =
                new Indices(prefix != null ? prefix : env.getOrDefault("VIGIL_INDEX_PREFIX", Indices.DEFAULT_PREFIX));
        Path keys = keys(env);
        List<Rule> running = loaded.rules().stream().filter(Rule::runs).toList();
        Backtest.Result result = Backtest.run(
                loaded.rules(),
                new StoredEventSource(url, indices.logsAlias(), start, end, maxEvents, keys, authorization(env)));
        if (json) {
            out.println(toJson(
                    result, start, end, indices, running.size(), loaded.rules().size(), keys != null));
        } else {
            print(
                    out,
                    result,
                    start,
                    end,
                    indices,
                    running.size(),
                    loaded.rules().size(),
                    keys != null);
        }
        out.flush();
        return 0;
    }

    /** Basic auth from VIGIL_ES_USERNAME / VIGIL_ES_PASSWORD, as the query service takes it; else none. */
    private static String authorization(Map<String, String> env) {
        String user = env.get("VIGIL_ES_USERNAME");
        String password = env.get("VIGIL_ES_PASSWORD");
        if (user == null || user.isEmpty() || password == null) {
            return null;
        }
        return "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private Path keys(Map<String, String> env) {
        if (noKeys) {
            return null;
        }
        if (keysFile != null) {
            return keysFile;
        }
        if (env.containsKey(FieldKeys.ENV_FILE)) {
            return Path.of(env.get(FieldKeys.ENV_FILE));
        }
        Path dataDir = Path.of(env.getOrDefault("VIGIL_DATA", ".vigil-data"));
        Path file = FieldKeys.inDataDir(dataDir);
        return Files.isRegularFile(file) ? file : null;
    }

    private Instant time(String text, Instant now, String option) {
        String t = text.trim();
        try {
            if (t.equals("now")) {
                return now;
            }
            if (t.startsWith("now-")) {
                return now.minus(Durations.parse(t.substring(4)));
            }
            return Instant.parse(t);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    option + " '" + text
                            + "' must be an ISO-8601 instant (2026-11-26T10:00:00Z) or now, now-1h, now-15m ...");
        }
    }

    private static void print(
            PrintWriter out,
            Backtest.Result result,
            Instant start,
            Instant end,
            Indices indices,
            int running,
            int loaded,
            boolean keys) {
        out.println("backtest: " + running + " of " + loaded + " rules (the others are disabled or dormant) over "
                + indices.logsAlias() + " from " + start + " to " + end + ": " + result.events() + " events"
                + (keys ? "" : " (no field keys: protected fields such as user.name were not read)"));
        for (Alert a : result.alerts()) {
            out.println(String.join(
                            "  ",
                            a.ruleId,
                            a.severity,
                            Instant.ofEpochMilli(a.firstSeen).toString(),
                            Instant.ofEpochMilli(a.lastSeen).toString(),
                            "count=" + a.count,
                            a.groupKey == null ? "-" : a.groupKey,
                            a.shadow ? "[shadow]" : "",
                            a.summary == null ? "" : a.summary)
                    .replaceAll(" {3,}", "  "));
        }
        Map<String, Integer> byRule = byRule(result.alerts());
        out.println(result.alerts().size() + " alerts by " + byRule.size() + " rules; nothing was written to "
                + indices.alerts());
    }

    private static String toJson(
            Backtest.Result result, Instant start, Instant end, Indices indices, int running, int loaded, boolean keys)
            throws java.io.IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("from", start.toString());
        root.put("to", end.toString());
        root.put("index", indices.logsAlias());
        root.put("events", result.events());
        root.put("rules_run", running);
        root.put("rules_loaded", loaded);
        root.put("protected_fields_read", keys);
        ArrayNode alerts = root.putArray("alerts");
        for (Alert a : result.alerts()) {
            ObjectNode doc = (ObjectNode) JSON.readTree(AlertDocuments.full(a));
            doc.remove("status");
            ObjectNode item = JSON.createObjectNode().put("id", a.id);
            item.setAll(doc);
            alerts.add(item);
        }
        ObjectNode byRule = root.putObject("by_rule");
        byRule(result.alerts()).forEach(byRule::put);
        return root.toString();
    }

    private static Map<String, Integer> byRule(List<Alert> alerts) {
        Map<String, Integer> counts = new TreeMap<>();
        alerts.forEach(a -> counts.merge(a.ruleId, 1, Integer::sum));
        return counts;
    }
}
