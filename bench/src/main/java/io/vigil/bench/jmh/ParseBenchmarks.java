package io.vigil.bench.jmh;

import io.vigil.common.LogEvent;
import io.vigil.job.RawRecord;
import io.vigil.job.RecordParser;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing per input format, the first half of the job's per-record work (the second:
 * {@link DocumentBenchmarks}). One benchmark over every {@link Format}; {@code -p
 * format=RFC3164_SSHD} picks one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ParseBenchmarks {
    static final long NOW = System.currentTimeMillis();

    /** One line of each format the parser tells apart; JMH runs every constant unless {@code -p} names some. */
    public enum Format {
        JSON_METRIC("{\"timestamp\":\"2026-11-26T10:00:00Z\",\"host\":\"web-01\",\"cpu_usage\":93.5,"
                + "\"memory_usage\":{\"used\":7516192768,\"total\":8589934592,\"percentage\":87.5},"
                + "\"network\":{\"in_bytes_per_sec\":120000,\"out_bytes_per_sec\":5400000}}"),
        JSON_EVENT(
                "{\"timestamp\":\"2026-11-26T10:00:00Z\",\"host\":\"web-01\",\"message\":\"Accepted publickey for alice\","
                        + "\"user\":{\"name\":\"alice\"},\"source\":{\"ip\":\"10.1.2.3\",\"port\":50000},\"event\":{\"outcome\":\"success\"}}"),
        RFC3164_SSHD(
                "Nov 26 10:00:01 bastion-01 sshd[1234]: Failed password for invalid user admin from 203.0.113.9 port 51234 ssh2"),
        RFC5424_SSHD(
                "<86>1 2026-11-26T10:00:15.123Z web-02 sshd 4321 - - Failed password for root from 203.0.113.50 port 5000 ssh2"),
        KERNEL_FIREWALL("Nov 26 10:00:12 fw-01 kernel: [123456.789012] [UFW BLOCK] IN=eth0 OUT= SRC=198.51.100.20 "
                + "DST=192.0.2.10 LEN=60 TTL=52 PROTO=TCP SPT=51515 DPT=3389 SYN"),
        PLAIN_TEXT("something happened that no pattern knows");

        final String line;

        Format(String line) {
            this.line = line;
        }

        RawRecord record() {
            return new RawRecord("bench", 0, 1, NOW, line.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Param
    public Format format;

    private final RecordParser parser = new RecordParser(1 << 20, ZoneOffset.UTC);
    private RawRecord line;

    @Setup
    public void setup() throws Exception {
        line = format.record();
    }

    @Benchmark
    public LogEvent parse() throws Exception {
        return parser.parse(line, NOW);
    }
}
