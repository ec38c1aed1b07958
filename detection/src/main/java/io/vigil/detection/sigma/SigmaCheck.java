package io.vigil.detection.sigma;

import io.vigil.detection.parse.RuleError;
import io.vigil.detection.parse.RuleFiles;
import io.vigil.detection.rule.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compiles every Sigma file under a directory and tells which do not compile and why: the
 * measure of how much of a real-world corpus Vigil runs as it is.
 */
public final class SigmaCheck {
    /** Quoted parts of a reason (field names, values) are kept only for unmapped fields, so reasons group. */
    private static final Pattern QUOTED = Pattern.compile("'[^']*'");

    private static final Pattern UNMAPPED = Pattern.compile("^unmapped field ('[^']*') for ([^(]*) \\(");

    private SigmaCheck() {}

    /**
     * One Sigma file's outcome: the first error when it does not compile; when it compiles but
     * cannot fire, why (its first dormant rule's reason, located at that rule).
     */
    public record Outcome(Path file, int rules, RuleError firstError, RuleError dormant) {
        public boolean compiled() {
            return firstError == null;
        }

        /** Compiled into rules that run: every field it tests is one Vigil keeps for its logsource. */
        public boolean canFire() {
            return compiled() && dormant == null;
        }
    }

    public record Report(List<Outcome> outcomes) {
        /** Compiled: into rules that can fire, or dormant with the reason (see {@link Outcome}). */
        public long compiled() {
            return outcomes.stream().filter(Outcome::compiled).count();
        }

        public long canFire() {
            return outcomes.stream().filter(Outcome::canFire).count();
        }

        public long dormant() {
            return outcomes.stream()
                    .filter(o -> o.compiled() && o.dormant() != null)
                    .count();
        }

        /** Why files are dormant, by how many, most frequent first. */
        public Map<String, Long> dormantReasons() {
            return byCount(outcomes.stream()
                    .filter(o -> o.compiled() && o.dormant() != null)
                    .collect(Collectors.groupingBy(o -> o.dormant().message(), Collectors.counting())));
        }

        /** Reasons by how many files they stop, most frequent first. */
        public Map<String, Long> topReasons() {
            return byCount(outcomes.stream()
                    .filter(o -> !o.compiled())
                    .collect(Collectors.groupingBy(o -> reason(o.firstError().message()), Collectors.counting())));
        }

        private static Map<String, Long> byCount(Map<String, Long> counts) {
            Map<String, Long> sorted = new LinkedHashMap<>();
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            return sorted;
        }

        public String toJson() {
            StringBuilder json = new StringBuilder("{\"compiled\":")
                    .append(compiled())
                    .append(",\"can_fire\":")
                    .append(canFire())
                    .append(",\"dormant\":")
                    .append(dormant())
                    .append(",\"total\":")
                    .append(outcomes.size())
                    .append(",\"failures\":[");
            String sep = "";
            for (Outcome o : outcomes) {
                if (!o.compiled()) {
                    json.append(sep)
                            .append("{\"file\":")
                            .append(quote(o.file().toString()))
                            .append(",\"line\":")
                            .append(o.firstError().line())
                            .append(",\"reason\":")
                            .append(quote(o.firstError().message()))
                            .append('}');
                    sep = ",";
                }
            }
            json.append("],\"top_reasons\":");
            counts(json, topReasons());
            json.append(",\"dormant_reasons\":");
            counts(json, dormantReasons());
            return json.append("}").toString();
        }

        private static void counts(StringBuilder json, Map<String, Long> counts) {
            json.append('{');
            String sep = "";
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                json.append(sep).append(quote(e.getKey())).append(':').append(e.getValue());
                sep = ",";
            }
            json.append('}');
        }
    }

    static String reason(String message) {
        Matcher unmapped = UNMAPPED.matcher(message);
        if (unmapped.find()) {
            return "unmapped field " + unmapped.group(1) + " for "
                    + unmapped.group(2).trim();
        }
        return QUOTED.matcher(message).replaceAll("'…'");
    }

    /** Every {@code .yml}/{@code .yaml} under the directory that is a Sigma file (native rules and tests are skipped). */
    public static Report run(Path directory) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Path file : files(directory)) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                outcomes.add(new Outcome(
                        file, 0, new RuleError(file.toString(), 0, "cannot read: " + e.getMessage()), null));
                continue;
            }
            if (!SigmaParser.isSigma(text)) {
                continue;
            }
            List<Rule> rules = new ArrayList<>();
            List<RuleError> errors = SigmaParser.parseAll(file, text, rules).errors();
            RuleError dormant = rules.stream()
                    .filter(Rule::dormant)
                    .findFirst()
                    .map(r -> new RuleError(
                            file.toString(), r.line(), r.activation().dormant()))
                    .orElse(null);
            outcomes.add(new Outcome(file, rules.size(), errors.isEmpty() ? null : errors.get(0), dormant));
        }
        return new Report(outcomes);
    }

    private static List<Path> files(Path directory) {
        return RuleFiles.yamlUnder(directory).stream()
                .filter(p -> !RuleFiles.isTestFile(p) && !RuleFiles.isConfiguration(p))
                .toList();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }
}
