package io.vigil.job;

import static io.vigil.job.JobFixture.SYSLOG_TIME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.common.DocumentIds;
import io.vigil.common.Indices;
import io.vigil.embedded.VigilServicesExtension;
import io.vigil.embedded.VigilServicesExtension.Services;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16, "Done when": a corpus of hostile records through the real job (Kafka source,
 * MiniCluster, Elasticsearch sinks). The job stays RUNNING and never restarts; every record is
 * stored or dead-lettered with its reason; and a control record produced after each hostile one,
 * on the same partition, is searchable within 5 s: nothing stalled behind it.
 */
@ExtendWith(VigilServicesExtension.class)
class HostileCorpusITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkClusters.twoSlots();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONTROL_WITHIN = Duration.ofSeconds(5);
    /** Just under the job's 1 MiB record limit: the worst cases are parsed, not refused for size. */
    private static final int MIB = 1_000_000;

    private record Hostile(String name, byte[] value) {}

    private static Hostile text(String name, String value) {
        return new Hostile(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Hostile bytes(String name, String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return new Hostile(name, out.toByteArray());
    }

    private static String fill(String unit, int length) {
        return unit.repeat(length / unit.length());
    }

    /** The records of issue 16 and ours: what an attacker can write into a log line or a JSON field. */
    static List<Hostile> corpus(Instant now, Instant refusedDay) {
        String ts = SYSLOG_TIME.format(now.minusSeconds(30));
        String iso = now.minusSeconds(30).toString();
        long secs = now.minusSeconds(30).getEpochSecond();
        String audit = "type=SYSCALL msg=audit(" + secs + ".000:1): ";
        String sshd = ts + " web-01 sshd[4242]: ";
        List<Hostile> c = new ArrayList<>();
        // issue 16
        c.add(text("issue: audit pid= (the restart loop)", "type=SYSCALL msg=audit(" + secs + ".000:1): pid= uid=0"));
        c.add(text("issue: 100 KB request line of -eyJ", "GET /q?" + fill("-eyJ", 100_000)));
        c.add(text("issue: a. x 50,000 then ://", fill("a.", 100_000) + " ://"));
        c.add(text(
                "issue: JSON dated 23 h ahead",
                "{\"timestamp\":\"" + now.plus(23, ChronoUnit.HOURS) + "\",\"host\":\"clock\",\"message\":\"ahead\"}"));
        // empty, line ends, bytes
        c.add(text("empty record", ""));
        c.add(text("whitespace only", " \t\r\n "));
        c.add(text("NUL bytes in a line", sshd + "Failed password for ro\u0000ot from 203.0.113.9 port 22\u0000 ssh2"));
        c.add(text(
                "CR-only line ends",
                sshd + "Failed password for root from 203.0.113.9 port 22 ssh2\rline two\rline three\r"));
        c.add(bytes("truncated UTF-8", sshd + "Failed password for r", new byte[] {(byte) 0xc3}, ""));
        c.add(bytes("invalid UTF-8 inside", sshd + "Failed ", new byte[] {(byte) 0xff, (byte) 0xfe, 0}, " password"));
        c.add(bytes("CESU-8 surrogate", "{\"host\":\"", new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, "\"}"));
        c.add(new Hostile("over the size limit", new byte[1_048_577]));
        // syslog numbers
        c.add(text("PRI 9999999999", "<9999999999>" + sshd + "Failed password for root from 203.0.113.9 port 22 ssh2"));
        c.add(text("PRI empty", "<>" + sshd + "x"));
        c.add(text("PRI in Arabic-Indic digits", "<\u0661\u0663>" + sshd + "x"));
        c.add(text("3164 seconds with a comma", ts.substring(0, ts.length() - 1) + ",5 web-01 sshd[1]: x"));
        c.add(text("3164 day overlong", "Nov 99999999999 10:00:00 web-01 sshd[1]: x"));
        c.add(text(
                "3164 pid overlong",
                ts + " web-01 sshd[99999999999999999999999]: Failed password for root from 203.0.113.9 port 22 ssh2"));
        c.add(text("3164 pid in Devanagari digits", ts + " web-01 sshd[\u0967\u0968]: x"));
        c.add(text(
                "sshd port overlong",
                sshd + "Failed password for root from 203.0.113.9 port 99999999999999999999999 ssh2"));
        c.add(text(
                "sshd port in fullwidth digits",
                sshd + "Failed password for root from 203.0.113.9 port \uFF12\uFF12 ssh2"));
        c.add(text("5424 year 0", "<13>1 0000-01-01T00:00:00Z web-01 app - - - year zero"));
        c.add(text("5424 year 1969", "<13>1 1969-12-31T23:59:59Z web-01 app - - - before epoch"));
        c.add(text("5424 year 9999", "<13>1 9999-12-31T23:59:59Z web-01 app - - - far future"));
        c.add(text("5424 1 MiB structured data", "<13>1 " + iso + " web-01 app - - " + fill("[a ", MIB) + " msg"));
        // JSON numbers and times
        c.add(text("JSON year 0", "{\"timestamp\":\"0000-01-01T00:00:00Z\",\"host\":\"h\",\"message\":\"m\"}"));
        c.add(text("JSON year 1969", "{\"timestamp\":\"1969-12-31T23:59:59Z\",\"host\":\"h\",\"message\":\"m\"}"));
        c.add(text("JSON year 9999", "{\"timestamp\":\"9999-12-31T23:59:59Z\",\"host\":\"h\",\"message\":\"m\"}"));
        c.add(text(
                "JSON epoch beyond a long", "{\"timestamp\":18446745773709551616,\"host\":\"h\",\"message\":\"m\"}"));
        c.add(text("JSON empty timestamp", "{\"timestamp\":\"\",\"host\":\"h\",\"message\":\"m\"}"));
        c.add(text("JSON cpu in Arabic-Indic digits", "{\"host\":\"h\",\"cpu_usage\":\"\u0669\u0660\"}"));
        c.add(text("JSON cpu 1e400", "{\"host\":\"h\",\"cpu_usage\":1e400}"));
        c.add(text(
                "JSON memory beyond a long",
                "{\"host\":\"h\",\"memory_usage\":{\"used\":18446744073709551617,\"total\":18446744073709551618}}"));
        c.add(text("JSON network rate 1e308", "{\"host\":\"h\",\"network\":{\"in_bytes_per_sec\":1e308}}"));
        c.add(
                text(
                        "JSON ECS numbers beyond a long and a double",
                        "{\"host\":\"h\",\"message\":\"m\",\"process.pid\":123456789012345678901234567890,\"source.port\":1e400}"));
        c.add(text(
                "JSON nested 10,000 deep", "{\"host\":\"h\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"));
        StringBuilder keys = new StringBuilder("{\"host\":\"h\",\"message\":\"many keys\"");
        for (int i = 0; i < 100_000; i++) {
            keys.append(",\"").append(Integer.toString(i, 36)).append("\":1");
        }
        c.add(text("JSON with 100,000 keys", keys.append('}').toString()));
        c.add(text("JSON host of 1 MiB", "{\"host\":\"" + fill("h", MIB) + "\",\"message\":\"m\"}"));
        c.add(text(
                "JSON 40 KB network.transport",
                "{\"host\":\"h\",\"message\":\"m\",\"network\":{\"transport\":\"" + fill("t", 40_000) + "\"}}"));
        c.add(
                text(
                        "JSON private key that breaks extra",
                        "{\"host\":\"h\",\"message\":\"m\",\"custom\":{\"k\":\"-----BEGIN PRIVATE KEY-----abc\",\"x\":\"y\"}}"));
        c.add(text(
                "JSON for a day whose index refuses it",
                "{\"timestamp\":\"" + refusedDay + "\",\"host\":\"h\",\"message\":\"refused\"}"));
        // auditd numbers and bodies
        c.add(text("audit seconds beyond a long", "type=SYSCALL msg=audit(99999999999999999999999.000:1): pid=1"));
        c.add(text(
                "audit aN beyond an int",
                "type=EXECVE msg=audit(" + secs + ".000:1): argc=2 a0=\"ls\" a99999999999=\"x\""));
        c.add(text("audit fullwidth hex", "type=EXECVE msg=audit(" + secs + ".000:1): argc=1 a0=\uFF10\uFF11"));
        c.add(text("audit pid in Thai digits", audit + "pid=\u0E51\u0E52"));
        c.add(text("audit 1 MiB of words without =", audit + fill("x ", MIB) + "pid=7"));
        c.add(text(
                "audit 1 MiB command line for the rules",
                "type=EXECVE msg=audit(" + secs + ".000:1): argc=2 a0=\"bash\" a1=\"" + fill("nc -e ", MIB) + "\""));
        // security messages, 1 MiB worst cases of their patterns
        c.add(text("sudo 1 MiB of USER=", ts + " web-01 sudo: alice : TTY=pts/0 ; " + fill("USER=", MIB)));
        c.add(text("kernel 1 MiB of SRC/DST", ts + " fw-01 kernel: " + fill("SRC=a DST=b ", MIB)));
        c.add(text("sshd 1 MiB of BREAK-IN starts", sshd + fill("[1.2.3.4", MIB)));
        c.add(text(
                "web log host of 4 KB of a.",
                fill("a.", 4_000) + " - - [14/Nov/2023:22:13:10 +0000] \"GET / HTTP/1.1\" 200 1"));
        // secret patterns, 1 MiB worst cases
        c.add(text("1 MiB of -eyJ", "GET /q?" + fill("-eyJ", MIB)));
        c.add(text("1 MiB of a. then ://", fill("a.", MIB) + " ://"));
        c.add(text("1 MiB of bearer then spaces", "bearer" + fill(" ", MIB) + "x"));
        c.add(text("1 MiB of password=", fill("password=", MIB)));
        c.add(text("1 MiB of digits and spaces", fill("1 ", MIB)));
        c.add(text("1 MiB of BEGIN PRIVATE KEY", fill("-----BEGIN PRIVATE KEY-----", MIB)));
        c.add(text("1 MiB of AKIA", fill("AKIA", MIB)));
        c.add(text("1 MiB of markers in a password", "a://b:" + fill("x[REDACTED:jwt]", MIB) + "@h"));
        return c;
    }

    @Test
    void hostileRecordsNeitherStopNorStallNorBlindTheJob(@InjectMiniCluster MiniCluster cluster) throws Exception {
        JobFixture job = new JobFixture(Services.get(), "hostile", Map.of());
        Instant now = Instant.now();
        Instant refusedDay =
                now.minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);
        JobClient client = job.start();
        // A day index whose mapping conflicts with every log document (as an older template might):
        // Elasticsearch refuses that day's documents for good.
        String refusedIndex = new Indices("hostile").logsIndexFor(refusedDay.toEpochMilli());
        assertThat(job.es
                        .put("/" + refusedIndex, "{\"mappings\":{\"properties\":{\"host\":{\"type\":\"long\"}}}}")
                        .statusCode())
                .isEqualTo(200);

        List<Hostile> corpus = corpus(now, refusedDay);
        List<String> report = new ArrayList<>();
        List<String> hostileIds = new ArrayList<>();
        List<String> slow = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = job.producer()) {
            // The job is up and writing before the clock of the first control starts.
            for (int p = 0; p < 2; p++) {
                RecordMetadata warm = producer.send(
                                JobFixture.record(job.threats, p, "{\"host\":\"control\",\"message\":\"warm\"}"))
                        .get();
                assertThat(awaitSearchable(job, id(warm), Duration.ofSeconds(120)))
                        .isNotNegative();
            }
            for (int i = 0; i < corpus.size(); i++) {
                Hostile h = corpus.get(i);
                int partition = i % 2;
                RecordMetadata hostile = producer.send(new ProducerRecord<>(job.threats, partition, null, h.value()))
                        .get();
                hostileIds.add(id(hostile));
                String control = "{\"host\":\"control\",\"message\":\"control after " + i + "\"}";
                long sent = System.nanoTime();
                RecordMetadata meta = producer.send(JobFixture.record(job.threats, partition, control))
                        .get();
                long millis = awaitSearchable(job, id(meta), Duration.ofSeconds(60));
                report.add(String.format(
                        Locale.ROOT, "%-45s %8d bytes  control after %5d ms", h.name(), h.value().length, millis));
                if (millis < 0 || millis > CONTROL_WITHIN.toMillis()) {
                    slow.add(h.name() + " (" + millis + " ms)");
                }
            }
        }
        try {
            for (int i = 0; i < corpus.size(); i++) {
                String outcome = outcome(job, hostileIds.get(i));
                report.set(
                        i,
                        report.get(i) + "  -> "
                                + (outcome.length() > 110 ? outcome.substring(0, 107) + "..." : outcome));
            }
            System.out.println("Hostile corpus through the job:\n  " + String.join("\n  ", report));

            for (int i = 0; i < corpus.size(); i++) {
                assertThat(outcome(job, hostileIds.get(i)))
                        .as(corpus.get(i).name())
                        .doesNotStartWith("LOST");
            }
            assertThat(slow)
                    .as("controls not searchable within %s", CONTROL_WITHIN)
                    .isEmpty();
            assertThat(outcome(job, hostileIds.get(indexOf(corpus, "JSON for a day whose index refuses it"))))
                    .startsWith("dead letter index: Elasticsearch refused it (400)")
                    .contains("mapper_parsing_exception");
            assertThat(outcome(job, hostileIds.get(indexOf(corpus, "JSON private key that breaks extra"))))
                    .as("extra kept as a JSON string")
                    .isEqualTo("stored");
            assertThat(outcome(job, hostileIds.get(0)))
                    .as("the audit line of the restart loop")
                    .isEqualTo("stored");

            AccessExecutionGraph graph =
                    cluster.getExecutionGraph(client.getJobID()).get();
            assertThat(client.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            assertThat(graph.getFailureInfo())
                    .as("no exception in the job's history")
                    .isNull();
            assertThat(graph.getStatusTimestamp(JobStatus.RESTARTING))
                    .as("never restarted")
                    .isZero();
            assertThat(graph.getStatusTimestamp(JobStatus.FAILING))
                    .as("never failing")
                    .isZero();
        } finally {
            client.cancel().get();
        }
    }

    private static int indexOf(List<Hostile> corpus, String name) {
        for (int i = 0; i < corpus.size(); i++) {
            if (corpus.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static String id(RecordMetadata meta) {
        return DocumentIds.of(meta.topic(), meta.partition(), meta.offset());
    }

    /** Milliseconds until the document is found by search (no forced refresh), or -1. */
    private static long awaitSearchable(JobFixture job, String id, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (hits(job, job.logs(), id) > 0) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(50);
        }
        return -1;
    }

    private static long hits(JobFixture job, String index, String id) throws Exception {
        var response = job.es.get(
                "/" + index + "/_count?q=" + URLEncoder.encode("_id:\"" + id + "\"", StandardCharsets.UTF_8));
        return response.statusCode() == 200
                ? JSON.readTree(response.body()).path("count").asLong()
                : 0;
    }

    /** "stored", "dead letter <stage>: <reason>" (both when a stage added one to a stored event), or "LOST". */
    private static String outcome(JobFixture job, String id) throws Exception {
        job.es.post("/" + job.logs() + "/_refresh", "");
        job.es.post("/" + job.deadLetters() + "/_refresh", "");
        boolean stored = hits(job, job.logs(), id) > 0;
        var letter = job.es.get("/" + job.deadLetters() + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        String dead = null;
        if (letter.statusCode() == 200) {
            JsonNode source = JSON.readTree(letter.body()).path("_source");
            String reason = source.path("reason").asText();
            assertThat(reason).as("dead letter %s has a reason", id).isNotBlank();
            dead = "dead letter " + source.path("stage").asText() + ": " + reason;
        }
        if (stored) {
            return dead == null ? "stored" : "stored, " + dead;
        }
        return dead != null ? dead : "LOST";
    }
}
