package io.vigil.job;

import io.vigil.common.DeadLetter;
import io.vigil.common.LogEvent;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.alert.RuleCatalog;
import io.vigil.detection.parse.RuleFiles;
import io.vigil.detection.parse.RuleSetVersion;
import io.vigil.detection.runtime.Detection;
import io.vigil.job.enrich.EnrichEvents;
import io.vigil.job.metrics.AnomalyConfig;
import io.vigil.job.metrics.MetricAnomalies;
import io.vigil.job.metrics.MetricRollups;
import io.vigil.job.protect.EncryptFields;
import io.vigil.job.protect.KeysSource;
import io.vigil.job.protect.ProtectAlerts;
import io.vigil.job.protect.ProtectionConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Vigil job: Kafka records in, normalized documents and dead letters out. Sources and
 * sinks come in through the constructor so tests can swap them (flink-training style);
 * {@link #main} wires the production Kafka source and Elasticsearch sinks.
 *
 * <p>Every operator has a stable {@code uid}: savepoints taken from one version restore into
 * the next.
 */
public class VigilJob {
    private final JobOptions options;
    private final Source<RawRecord, ?, ?> source;
    private final JobSinks sinks;
    private final AnomalyConfig anomalyConfig;
    private final ProtectionConfig protection;

    public VigilJob(JobOptions options, Source<RawRecord, ?, ?> source, JobSinks sinks) throws IOException {
        this.options = options;
        this.source = source;
        this.sinks = sinks;
        this.anomalyConfig = AnomalyConfig.load(Path.of(options.rulesPath(), "anomaly.yml"));
        this.protection = ProtectionConfig.load(Path.of(options.rulesPath(), "protection.yml"));
    }

    public static void main(String[] args) throws Exception {
        JobOptions options = JobOptions.fromArgs(args);
        // First, before anything is written: the rules here must be the ones the deployer validated.
        String ruleSet = RuleSetVersion.of(Path.of(options.rulesPath()));
        if (options.rulesVersion() != null && !options.rulesVersion().equals(ruleSet)) {
            throw new IllegalArgumentException(
                    "the rules at " + Path.of(options.rulesPath()).toAbsolutePath() + " are version "
                            + RuleSetVersion.brief(ruleSet) + ", not " + RuleSetVersion.brief(options.rulesVersion())
                            + " which was validated and tested: put the same rules there (on the cluster, rules.path is read"
                            + " where the job is submitted) and deploy again");
        }
        // A readable or broken secrets file stops the submission here, before anything is written;
        // the index template and rule catalog requests below then trust Elasticsearch's CA too.
        JobSecrets secrets = JobSecrets.of(options);
        if (isPlanOnly()) {
            // POST /jars/{id}/plan (./vigil rules deploy checks a submission before it stops the
            // running job): build the job graph, write nothing.
            new VigilJob(options, Connectors.kafkaSource(options), JobSinks.elasticsearch(options)).execute();
            return;
        }
        ElasticsearchTrust.install(secrets.esCaPem());
        IndexTemplateInstaller.install(
                options.esHosts(), options.indexPrefix(), options.logIndices(), secrets.esAuthorization());
        RuleCatalog.publish(
                options.esHosts(),
                options.indexPrefix(),
                RuleFiles.loadForJob(Path.of(options.rulesPath())),
                ruleSet,
                secrets.esAuthorization());
        new VigilJob(options, Connectors.kafkaSource(options), JobSinks.elasticsearch(options)).execute();
    }

    /** Flink's web frontend extracting the job graph (/jars/{id}/plan), not running it. */
    private static boolean isPlanOnly() {
        return StreamExecutionEnvironment.getExecutionEnvironment()
                .getClass()
                .getSimpleName()
                .equals("StreamPlanEnvironment");
    }

    public JobExecutionResult execute() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env);
        return env.execute("Vigil");
    }

    private KeysSource keysSource() {
        return KeysSource.of(options.protectKeysFile());
    }

    /** Adds the pipeline to the environment (tests call this and run the environment themselves). */
    public void build(StreamExecutionEnvironment env) {
        env.enableCheckpointing(options.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        // The options as the job's global parameters: shown in the Flink UI, and what
        // ./vigil rules deploy reads back (GET /jobs/{id}/config) to resubmit the job as it was.
        env.getConfig().setGlobalJobParameters(ParameterTool.fromMap(options.values()));
        // Without reuse, Flink deep-copies every event between chained operators, through Kryo
        // for the field map: a large share of the per-event cost in profiles. Safe here because
        // no operator keeps an input after emitting it; of those that change events, the rule
        // router (adding threats) is the only consumer of its input stream, and encrypt-fields
        // changes only fields no other consumer of its input reads.
        env.getConfig().enableObjectReuse();

        // Watermarks per Kafka partition (EventTimeAtSource), bounded by broker time, following the
        // wall clock when a partition is quiet, not merely held up (PartitionWatermarks). No withIdleness: a partition
        // marked idle is skipped, and when all are, event time stops instead of going on.
        long outOfOrderness = options.outOfOrderness().toMillis();
        long quietAfter = options.idleness().toMillis();
        DataStream<RawRecord> raw = env.fromSource(
                        source,
                        WatermarkStrategy.<RawRecord>forGenerator(ctx -> new PartitionWatermarks(
                                        outOfOrderness,
                                        quietAfter,
                                        System::currentTimeMillis,
                                        ctx.getInputActivityClock()))
                                .withTimestampAssigner(
                                        new EventTimeAtSource(options.maxRecordBytes(), options.syslogZone())),
                        "kafka-records")
                .uid("kafka-records");

        SingleOutputStreamOperator<LogEvent> parsed = raw.process(new ParseRecords(
                        options.maxRecordBytes(), options.syslogZone(), protection.patterns(), keysSource()))
                .uid("parse-records")
                .name("parse-records");

        SingleOutputStreamOperator<LogEvent> events = parsed.process(new EnrichEvents(
                        options.rulesPath(), options.rulesReload().toMillis()))
                .uid("enrich")
                .name("enrich");
        // Every stage that touches record content sends what it fails on here (issue 16).
        List<DataStream<DeadLetter>> deadLetters =
                new ArrayList<>(List.of(parsed.getSideOutput(DeadLetters.TAG), events.getSideOutput(DeadLetters.TAG)));

        // Detection (vigil-detection): match rules put their threats[] on events before they are
        // indexed; every rule's alerts go to the alerts index.
        Detection.Streams detection = Detection.attach(events, options.rulesPath(), options.detectionSettings());
        deadLetters.add(detection.failures());
        // Of the updates that follow an alert's first emission, the newest per interval (issue 18).
        DataStream<Alert> alerts = detection
                .alerts()
                .transform(
                        "alert-updates",
                        detection.alerts().getType(),
                        new AlertUpdates(options.alertsUpdateInterval().toMillis()))
                .uid("alert-updates");
        if (!protection.encryptedFields().isEmpty()) {
            // Summaries, group values and context carry the values rules saw (user names, command
            // lines): they leave as markers plus ciphertext, as in stored logs.
            alerts = alerts.map(new ProtectAlerts(
                            protection.encryptedFields(),
                            RuleFiles.loadForJob(Path.of(options.rulesPath())),
                            keysSource()))
                    .uid("protect-alerts")
                    .name("protect-alerts");
        }
        alerts.sinkTo(sinks.ruleAlerts()).uid("rule-alerts-sink").name("rule-alerts-sink");
        if (options.indexLogs()) {
            DataStream<LogEvent> stored = detection.annotated();
            if (!protection.encryptedFields().isEmpty()) {
                // After detection (rules see clear values) and chained in front of the sink. It
                // changes the event in place, so it must stay the last consumer that reads the
                // protected fields: rollups read only host, metrics and severity.
                SingleOutputStreamOperator<LogEvent> encrypted = stored.process(
                                new EncryptFields(protection.encryptedFields(), keysSource()))
                        .uid("encrypt-fields")
                        .name("encrypt-fields");
                deadLetters.add(encrypted.getSideOutput(DeadLetters.TAG));
                stored = encrypted;
            }
            stored.sinkTo(sinks.logs()).uid("logs-sink").name("logs-sink");
        }
        DataStream<DeadLetter> allDeadLetters = deadLetters.get(0);
        for (DataStream<DeadLetter> more : deadLetters.subList(1, deadLetters.size())) {
            allDeadLetters = allDeadLetters.union(more);
        }
        allDeadLetters.sinkTo(sinks.deadLetters()).uid("dead-letter-sink").name("dead-letter-sink");

        // Rollups count events by their final severity: after detection raised it.
        MetricRollups.attach(detection.annotated(), anomalyConfig, sinks.minuteRollups(), sinks.hourRollups())
                .getSideOutput(MetricAnomalies.FINDINGS)
                .sinkTo(sinks.anomalyAlerts())
                .uid("anomaly-alerts-sink")
                .name("anomaly-alerts-sink");
    }
}
