package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.embedded.VigilServicesExtension;
import io.vigil.embedded.VigilServicesExtension.Services;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 23 as a user met it: a Red Hat era /var/log/messages capture whose sshd logs failures
 * only through old Linux-PAM ({@code sshd(pam_unix)[pid]: authentication failure; ... rhost=}),
 * time-shifted to end now and produced raw to Kafka, through the whole job. Every source that
 * made five attempts within a minute (some named by host name) gets its ssh-brute-force alert,
 * and the lines keep their host and time. On a2446fd this capture raised no alert at all.
 *
 * <p>One partition: a count rule judges lateness per source against that source's newest event,
 * and this capture repeats sources days apart, so spreading it over partitions read in batches
 * would test the engine's lateness bound (detection's own tests do), not the parsing.
 */
@ExtendWith(VigilServicesExtension.class)
class PamOnlySshCaptureITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkClusters.twoSlots();

    private static final Pattern HEADER = Pattern.compile("^(\\w{3} +\\d+ \\d\\d:\\d\\d:\\d\\d) ");
    private static final DateTimeFormatter CAPTURED = DateTimeFormatter.ofPattern("yyyy MMM d HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    @Test
    void everySourceThatTriedFivePasswordsInAMinuteIsAlertedOnThoughSshdLoggedOnlyThroughPam() throws Exception {
        List<String> capture;
        try (InputStream in = getClass().getResourceAsStream("/corpus/dialects/rhel-pam-only.log")) {
            capture = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        }
        Set<String> expected = SshBruteForceOnRealCapturesTest.sourcesOverThreshold(
                capture, 2005, Pattern.compile("sshd\\(pam_unix\\)\\[\\d+\\]: authentication failure;.* rhost=(\\S+)"));
        assertThat(expected).hasSizeGreaterThanOrEqualTo(20);

        JobFixture job = new JobFixture(Services.get(), "itpamonly", Map.of());
        LocalDateTime last = captured(capture.get(capture.size() - 1));
        LocalDateTime now = LocalDateTime.ofInstant(
                Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        long shift = ChronoUnit.SECONDS.between(last, now);
        try (KafkaProducer<byte[], byte[]> producer = job.producer()) {
            for (String line : capture) {
                producer.send(JobFixture.record(job.threats, 0, shifted(line, shift)));
            }
            producer.flush();
        }
        JobClient client = job.start();
        try {
            assertThat(job.es.awaitCount(job.logs(), n -> n >= capture.size(), Duration.ofSeconds(120)))
                    .isEqualTo(capture.size());
            // every line kept its host and its own time
            assertThat(job.es.count(job.logs(), "host:combo AND NOT _exists_:event.timestamp_source"))
                    .isEqualTo(capture.size());
            Map<String, JsonNode> alerts = job.awaitAlerts(
                    "rule_id:ssh-brute-force", docs -> sources(docs).equals(expected));
            assertThat(sources(alerts)).isEqualTo(expected);
            assertThat(alerts.values()).allSatisfy(a -> {
                assertThat(a.get("host").asText()).isEqualTo("combo");
                assertThat(a.get("count").asLong()).isGreaterThanOrEqualTo(5);
            });
            assertThat(job.es.count(job.logs(), "event.action:ssh_login AND source.domain:*.hinet.net"))
                    .isPositive();
        } finally {
            client.cancel().get();
        }
    }

    private static Set<String> sources(Map<String, JsonNode> alerts) {
        Set<String> sources = new TreeSet<>();
        alerts.values().forEach(a -> sources.add(a.get("group_key").asText().substring("source.address=".length())));
        return sources;
    }

    private static LocalDateTime captured(String line) {
        Matcher m = HEADER.matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return LocalDateTime.parse("2005 " + m.group(1).replaceAll(" +", " "), CAPTURED);
    }

    /** The line with its header time moved by {@code seconds}, written the way syslogd writes it. */
    private static String shifted(String line, long seconds) {
        Matcher m = HEADER.matcher(line);
        if (!m.find()) {
            return line;
        }
        return SYSLOG.format(captured(line).plusSeconds(seconds)) + " " + line.substring(m.end());
    }
}
