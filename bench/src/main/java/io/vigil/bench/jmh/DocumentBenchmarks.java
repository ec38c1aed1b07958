package io.vigil.bench.jmh;

import io.vigil.common.LogEvent;
import io.vigil.job.DocumentWriter;
import io.vigil.job.RecordParser;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Writing the stored document of a parsed metric sample: the rest of the job's per-record work. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DocumentBenchmarks {
    private LogEvent parsedMetric;

    @Setup
    public void setup() throws Exception {
        parsedMetric = new RecordParser(1 << 20, ZoneOffset.UTC)
                .parse(ParseBenchmarks.Format.JSON_METRIC.record(), ParseBenchmarks.NOW);
    }

    @Benchmark
    public byte[] writeDocument() {
        return DocumentWriter.logDocument(parsedMetric);
    }
}
