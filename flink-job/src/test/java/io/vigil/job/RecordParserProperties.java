package io.vigil.job;

import io.vigil.common.Fields;
import io.vigil.common.LogEvent;
import io.vigil.common.Severity;
import io.vigil.job.fuzz.HostileRecords;
import io.vigil.job.fuzz.LogsTemplate;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The parsers under generated hostile records (issue 16): every record becomes an event or a
 * {@link RejectedRecordException} with a reason, never any other exception; and every event is
 * one the job can store: a bounded host, a time in range, typed fields, and a document
 * Elasticsearch takes under the logs template.
 *
 * <p>100,000 cases per property in the normal test run (src/test/resources/junit-platform.properties);
 * more with {@code -Djqwik.tries.default=N}. A failure prints the shrunk record and the seed.
 */
class RecordParserProperties {
    /** Kafka received every record at this time; the generated records claim times around it. */
    static final long RECEIVED = 1_700_000_060_000L;

    private final RecordParser parser = new RecordParser(1 << 20, ZoneOffset.UTC);
    private final LogsTemplate template = new LogsTemplate();

    @Property
    void jsonRecordsBecomeEventsOrRejections(@ForAll("json") byte[] record) {
        eventOrRejection(record);
    }

    @Property
    void auditRecordsBecomeEventsOrRejections(@ForAll("audit") byte[] record) {
        eventOrRejection(record);
    }

    @Property
    void syslogLinesBecomeEventsOrRejections(@ForAll("syslog") byte[] record) {
        eventOrRejection(record);
    }

    @Property
    void mutatedCorpusLinesBecomeEventsOrRejections(@ForAll("corpus") byte[] record) {
        eventOrRejection(record);
    }

    /*
     * The records come from HostileRecords' plain-Java shapes through jqwik's random source: about
     * ten times cheaper than composed jqwik arbitraries (1-2 ms a case), which is what lets 100,000
     * cases run in seconds. The price is no shrinking: a failure prints the whole record.
     */

    @Provide
    Arbitrary<byte[]> json() {
        return Arbitraries.randomValue(r -> HostileRecords.mutated(r, HostileRecords.json(r)));
    }

    @Provide
    Arbitrary<byte[]> audit() {
        return Arbitraries.randomValue(r -> HostileRecords.mutated(r, HostileRecords.audit(r)));
    }

    @Provide
    Arbitrary<byte[]> syslog() {
        return Arbitraries.randomValue(r -> HostileRecords.mutated(r, HostileRecords.syslog(r)));
    }

    @Provide
    Arbitrary<byte[]> corpus() {
        return Arbitraries.randomValue(r -> HostileRecords.mutated(r, HostileRecords.corpusLine(r)));
    }

    private void eventOrRejection(byte[] bytes) {
        RawRecord record = new RawRecord("threat-logs", 1, 42, RECEIVED, bytes);
        LogEvent event;
        try {
            event = parser.parse(record, RECEIVED);
        } catch (RejectedRecordException rejected) {
            check(
                    !rejected.getMessage().isBlank() && !rejected.isUnexpected(),
                    "a rejection without a reason",
                    rejected);
            return;
        }
        storable(event);
    }

    /*
     * Plain checks rather than AssertJ in the loop: 100,000 cases of assertThat(...).as(...) chains
     * cost more than parsing them.
     */

    /** What the job needs of an event to store it and key state by it. */
    private void storable(LogEvent event) {
        check("threat-logs-1-42".equals(event.id), "id", event.id);
        check(event.host != null && !event.host.isEmpty(), "host", event.host);
        check(
                event.host.getBytes(StandardCharsets.UTF_8).length <= RecordParser.MAX_HOST_BYTES,
                "host over 255 bytes",
                event.host);
        check(
                event.timestamp >= RecordParser.EARLIEST
                        && event.timestamp <= RECEIVED + RecordParser.MAX_FUTURE_MILLIS,
                "timestamp out of range",
                event.timestamp);
        check(Fields.KIND_METRIC.equals(event.kind) || Fields.KIND_EVENT.equals(event.kind), "kind", event.kind);
        check(Severity.parse(event.severity).isPresent(), "severity", event.severity);
        check(event.message != null, "message", null);
        event.fields.forEach(RecordParserProperties::typed);
        List<String> problems = template.problems(DocumentWriter.logDocument(event));
        check(problems.isEmpty(), "what Elasticsearch would refuse in the document", problems);
    }

    private static void typed(String name, Object value) {
        if (value instanceof List<?> list) {
            list.forEach(element -> scalar(name, element));
        } else {
            scalar(name, value);
        }
    }

    private static void scalar(String name, Object value) {
        boolean ok = value instanceof String
                || value instanceof Long
                || value instanceof Boolean
                || value instanceof Double d && Double.isFinite(d);
        check(
                ok,
                "field " + name + " holds a "
                        + (value == null ? "null" : value.getClass().getSimpleName()),
                value);
    }

    private static void check(boolean holds, String what, Object actual) {
        if (!holds) {
            throw new AssertionError(what + ": " + actual);
        }
    }
}
