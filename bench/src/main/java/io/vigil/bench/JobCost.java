package io.vigil.bench;

import io.vigil.common.protect.FieldKeys;
import io.vigil.job.JobOptions;
import io.vigil.job.JobSinks;
import io.vigil.job.RawRecord;
import io.vigil.job.VigilJob;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job's own CPU cost per event, without Kafka and Elasticsearch: the bench workload's
 * records go through the real {@link VigilJob} wiring (parse, enrich, event time, every rule,
 * rollups) in a local Flink environment at parallelism 1, into discarding sinks. Reports wall
 * rate and process CPU microseconds per event — the latter stays comparable when other work
 * shares the machine. Run:
 * {@code java @local-stack/target/jvm.options -cp 'bench/target/vigil-bench.jar:bench/target/lib/*'
 * io.vigil.bench.JobCost [events] [rules] [rounds] [shuffle-seconds]}; the first round warms the JIT
 * up.
 *
 * <p>By default the records come in event-time order, so nearly every rule input takes the rule
 * operators' append path. With {@code shuffle-seconds} above 0 they are shuffled within blocks of
 * that much event time, as a shipper spreading a host's records over partitions delivers them:
 * inputs out of order make the operators re-evaluate, a path the in-order run never measures
 * (issue 18: a change once looked free here and cost 2-4 times as much out of order).
 */
public final class JobCost {
    private JobCost() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        String rules = args.length > 1 ? args[1] : "rules";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int shuffleSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        long end = Instant.now().toEpochMilli();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // Field keys, as a stack has them: the shipped protection.yml encrypts fields.
        Path keys = Files.createTempDirectory("jobcost-keys").resolve("field-keys.properties");
        FieldKeys.generate(keys);
        Records.generate(n, end, shuffleSeconds);
        for (int round = 0; round < rounds; round++) {
            // Filesystem checkpoints, as flink-conf has them: the final checkpoint of a bounded
            // run holds the rollups' state, larger than the in-memory storage allows.
            Configuration conf = new Configuration();
            conf.setString("execution.checkpointing.storage", "filesystem");
            conf.setString(
                    "execution.checkpointing.dir",
                    Files.createTempDirectory("jobcost").toUri().toString());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
            JobOptions options = JobOptions.of(Map.of(
                    JobOptions.RULES_PATH,
                    rules,
                    JobOptions.CHECKPOINT_INTERVAL,
                    "1h",
                    JobOptions.ES_HOSTS,
                    "http://localhost:1",
                    JobOptions.KAFKA_BOOTSTRAP,
                    "localhost:1",
                    JobOptions.PROTECT_KEYS_FILE,
                    keys.toString()));
            DataGeneratorSource<RawRecord> source =
                    new DataGeneratorSource<>(new Records(n, end), n, TypeInformation.of(RawRecord.class));
            new VigilJob(options, source, JobSinks.discarding()).build(env);
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            env.execute("job-cost");
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuMicros = (os.getProcessCpuTime() - cpu0) / 1e3 / n;
            System.out.printf(
                    Locale.ROOT,
                    "JOBCOST round %d: %,d events in %.2f s = %,.0f events/s wall, %.1f us CPU/event%n",
                    round,
                    n,
                    seconds,
                    n / seconds,
                    cpuMicros);
        }
    }

    /**
     * The bench workload's records (deterministic, seeded), generated once in {@link #main} before
     * anything is timed: generated in the source reader, their String.format calls were about 10 %
     * of the measured CPU. The local environment runs in this JVM, so the reader finds them here.
     */
    static final class Records implements GeneratorFunction<Long, RawRecord> {
        private static final long serialVersionUID = 1L;
        private static volatile List<Workload.Item> generated;
        private final int n;
        private final long end;
        private transient List<Workload.Item> items;

        Records(int n, long end) {
            this.n = n;
            this.end = end;
        }

        static void generate(int n, long end, int shuffleSeconds) {
            Workload workload = Workload.generate(n, Instant.ofEpochMilli(end));
            List<Workload.Item> items = new ArrayList<>(workload.items);
            if (shuffleSeconds > 0) {
                long span = Duration.between(workload.start, workload.end).toMillis();
                int block = (int) Math.max(2, (long) items.size() * shuffleSeconds * 1000 / span);
                Random random = new Random(20261207);
                for (int from = 0; from < items.size(); from += block) {
                    Collections.shuffle(items.subList(from, Math.min(items.size(), from + block)), random);
                }
            }
            generated = items;
        }

        @Override
        public void open(SourceReaderContext context) {
            items = generated != null ? generated : Workload.generate(n, Instant.ofEpochMilli(end)).items;
        }

        @Override
        public RawRecord map(Long index) {
            int i = (int) (long) index;
            Workload.Item item = items.get(Math.min(i, items.size() - 1));
            return new RawRecord(item.topic(), 0, i, end, item.value());
        }
    }
}
