package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.LogEvent;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.parse.RuleFiles;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.runtime.Detection;
import io.vigil.detection.runtime.DetectionSettings;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/**
 * The shipped ssh-brute-force rule (rules/auth) over two real captures, parsed by the job's
 * parser and run through the real detection operators: it must alert for exactly the sources the
 * raw text shows making five attempts within a minute, counted once each.
 *
 * <ul>
 *   <li>rhel-pam-only: sshd logs failures only through old Linux-PAM
 *       ({@code sshd(pam_unix)[pid]: authentication failure; ... rhost=NAME-OR-ADDRESS}), often
 *       naming the source by host name. Before this parser, none of it raised an alert.</li>
 *   <li>openssh-ubuntu: modern sshd logs each attempt twice (its PAM module's line and its own
 *       {@code Failed password}), and "Invalid user" before: counted per line, more sources would
 *       pass the threshold than really did.</li>
 * </ul>
 *
 * The expected sources are computed from the raw lines with a plain regular expression, not
 * with the parser under test.
 */
class SshBruteForceOnRealCapturesTest {
    private static final Path RULE = Path.of("..", "rules", "auth", "ssh-brute-force.yml");
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final int AT_LEAST = 5;
    private static final Pattern HEADER = Pattern.compile("^(\\w{3} +\\d+ \\d\\d:\\d\\d:\\d\\d) ");
    private static final DateTimeFormatter BSD = DateTimeFormatter.ofPattern("yyyy MMM d HH:mm:ss", Locale.ROOT);

    @Test
    void aPamOnlyCaptureRaisesOneAlertPerSourceThatMadeFiveAttemptsInAMinuteHostNamesIncluded() throws Exception {
        List<String> lines = corpus("rhel-pam-only");
        Set<String> expected = sourcesOverThreshold(
                lines, 2005, Pattern.compile("sshd\\(pam_unix\\)\\[\\d+\\]: authentication failure;.* rhost=(\\S+)"));
        Set<String> alerted = alertedSources(lines, Instant.parse("2005-07-01T00:00:00Z"));
        assertThat(expected)
                .hasSizeGreaterThanOrEqualTo(20)
                .anySatisfy(source -> assertThat(source).matches(".*[a-z].*")); // some sources are host names
        assertThat(alerted).isEqualTo(expected);
    }

    @Test
    void aModernCaptureCountsEachAttemptOnceThoughSshdLogsItTwice() throws Exception {
        List<String> lines = corpus("openssh-ubuntu");
        Pattern failed = Pattern.compile(
                "sshd\\[\\d+\\]: Failed (?:password|publickey|keyboard-interactive/pam) for .*?from (\\S+) port");
        Set<String> expected = sourcesOverThreshold(lines, 2017, failed);
        Set<String> perLine = sourcesOverThreshold(
                lines,
                2017,
                Pattern.compile(
                        "sshd\\[\\d+\\]: (?:Failed (?:password|publickey|keyboard-interactive/pam) for .*?from (\\S+) port"
                                + "|pam_unix\\(sshd:auth\\): authentication failure;.* rhost=(\\S+)|Invalid user \\S* ?from (\\S+))"));
        assertThat(perLine)
                .as("the capture exercises double logging: counting lines would alert for more sources")
                .hasSizeGreaterThan(expected.size());
        assertThat(alertedSources(lines, Instant.parse("2017-12-31T00:00:00Z"))).isEqualTo(expected);
    }

    private static List<String> corpus(String name) throws Exception {
        try (InputStream in =
                SshBruteForceOnRealCapturesTest.class.getResourceAsStream("/corpus/dialects/" + name + ".log")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** Sources with at least AT_LEAST matches of {@code attempt} within WITHIN (inclusive), from the raw text. */
    static Set<String> sourcesOverThreshold(List<String> lines, int year, Pattern attempt) {
        Map<String, List<Long>> times = new HashMap<>();
        for (String line : lines) {
            Matcher header = HEADER.matcher(line);
            Matcher m = attempt.matcher(line);
            if (header.find() && m.find()) {
                String source = null;
                for (int g = 1; g <= m.groupCount() && source == null; g++) {
                    source = m.group(g);
                }
                long t = LocalDateTime.parse(year + " " + header.group(1).replaceAll(" +", " "), BSD)
                        .toInstant(ZoneOffset.UTC)
                        .toEpochMilli();
                times.computeIfAbsent(source, k -> new ArrayList<>()).add(t);
            }
        }
        Set<String> over = new TreeSet<>();
        times.forEach((source, ts) -> {
            ts.sort(Long::compare);
            for (int i = 0; i + AT_LEAST - 1 < ts.size(); i++) {
                if (ts.get(i + AT_LEAST - 1) - ts.get(i) <= WITHIN.toMillis()) {
                    over.add(source);
                }
            }
        });
        return over;
    }

    /** The capture parsed by the job's parser and run through the shipped rule: the sources alerted on. */
    private static Set<String> alertedSources(List<String> lines, Instant received) throws Exception {
        RecordParser parser = new RecordParser(1 << 20, ZoneOffset.UTC);
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            RawRecord record = new RawRecord(
                    "threat-logs", 0, i, received.toEpochMilli(), lines.get(i).getBytes(StandardCharsets.UTF_8));
            events.add(parser.parse(record, received.toEpochMilli()));
        }
        RuleFiles.Loaded loaded = RuleFiles.load(List.of(RULE));
        assertThat(loaded.errors()).isEmpty();
        List<Rule> rules = loaded.rules();
        assertThat(rules).extracting(Rule::id).containsExactly("ssh-brute-force");
        assertThat(rules.get(0).count().within()).isEqualTo(WITHIN);
        assertThat(rules.get(0).count().min()).isEqualTo(AT_LEAST);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        DataStream<LogEvent> input = env.fromData(events, TypeInformation.of(LogEvent.class))
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<LogEvent>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                                .withTimestampAssigner((event, previous) -> event.timestamp));
        DataStream<Alert> alerts =
                Detection.attach(input, rules, DetectionSettings.DEFAULTS).alerts();
        Set<String> sources = new TreeSet<>();
        try (CloseableIterator<Alert> it = alerts.executeAndCollect("ssh brute force over a capture")) {
            it.forEachRemaining(alert -> sources.add(alert.groupKey.substring("source.address=".length())));
        }
        return sources;
    }
}
