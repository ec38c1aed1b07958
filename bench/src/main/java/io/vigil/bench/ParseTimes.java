package io.vigil.bench;

import io.vigil.job.RawRecord;
import io.vigil.job.RecordParser;
import io.vigil.job.RejectedRecordException;
import io.vigil.job.fuzz.HostileRecords;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Parse time per record over a fuzz corpus (issue 16): the records the property tests generate
 * (JSON, auditd, syslog and the parser corpus, mutated at the byte level; HostileRecords), each
 * through the job's parser as the source runs it ({@link RecordParser#parseOrReject}), one
 * thread, timed one by one after a warm-up. Reported as {@code parse_time_us} {p50, p99, p999,
 * max, n}: the tail says whether any record shape is slow, the median what a record costs.
 */
final class ParseTimes {
    /** A fixed seed: every run parses the same corpus. */
    private static final long SEED = 16;

    private static final long RECEIVED = 1_700_000_060_000L;

    private ParseTimes() {}

    static Map<String, Object> measure(int records) {
        Random random = new Random(SEED);
        byte[][] corpus = new byte[records][];
        for (int i = 0; i < records; i++) {
            corpus[i] = HostileRecords.any(random);
        }
        RecordParser parser = new RecordParser(1 << 20, ZoneOffset.UTC);
        for (int round = 0; round < 2; round++) { // warm-up: the JIT compiles the parsers
            for (byte[] value : corpus) {
                parse(parser, value);
            }
        }
        long[] nanos = new long[records];
        int rejected = 0;
        for (int i = 0; i < records; i++) {
            long start = System.nanoTime();
            rejected += parse(parser, corpus[i]) ? 0 : 1;
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("n", records);
        out.put("rejected", rejected);
        out.put("p50", micros(rank(nanos, 0.50)));
        out.put("p99", micros(rank(nanos, 0.99)));
        out.put("p999", micros(rank(nanos, 0.999)));
        out.put("max", micros(nanos[records - 1]));
        return out;
    }

    /** True when the record became an event, false when it was rejected. */
    private static boolean parse(RecordParser parser, byte[] value) {
        try {
            parser.parseOrReject(new RawRecord("threat-logs", 0, 0, RECEIVED, value), RECEIVED);
            return true;
        } catch (RejectedRecordException e) {
            return false;
        }
    }

    private static long rank(long[] sorted, double q) {
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
    }

    private static double micros(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }

    /** The measure alone: {@code java -cp ... io.vigil.bench.ParseTimes [records]}. */
    public static void main(String[] args) {
        System.out.println(measure(args.length > 0 ? Integer.parseInt(args[0]) : 100_000));
    }
}
