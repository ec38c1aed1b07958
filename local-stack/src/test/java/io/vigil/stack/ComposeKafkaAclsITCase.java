package io.vigil.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.embedded.EmbeddedKafka;
import io.vigil.embedded.SecureKafkaFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The ACLs docker-compose's broker gets (scripts/compose/kafka-acls.sh, the functions kafka-run.sh
 * and kafka-user.sh call), applied by the real kafka-acls tool to a real KRaft broker with the
 * same authorizer settings as compose: a shipper may only write the two topics, the job only read
 * them, and nobody may do anything before a grant. (Creating the SCRAM users is compose's
 * kafka-configs call, which needs a broker of Kafka 3.5+; the embedded one is 3.4, whose users
 * are fixed at start, so here they are.)
 */
class ComposeKafkaAclsITCase {
    private static final Path HOME =
            Path.of(System.getProperty("vigil.home", "..")).toAbsolutePath().normalize();
    private static final String SHIPPER = "shipper-web-01";
    private static final String JOB = "vigil-job";
    private static final String ADMIN = "acl-admin";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aShipperMayOnlyWriteTheTopicsAndTheJobOnlyReadThem() throws Exception {
        Map<String, String> users = Map.of(
                SHIPPER,
                "shipper-password-0123456789",
                JOB,
                "job-password-0123456789",
                ADMIN,
                "admin-password-0123456789");
        Map<String, String> compose = Map.of(
                "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users", "User:" + EmbeddedKafka.BROKER_USER + ";User:ANONYMOUS;User:" + ADMIN,
                "allow.everyone.if.no.acl.found", "false");
        try (SecureKafkaFixture kafka =
                SecureKafkaFixture.start(HOME, users, List.of("system-metrics", "threat-logs", "elsewhere"), compose)) {
            assertCannotSend(kafka, SHIPPER, "threat-logs", "nothing is allowed unless granted");

            grant(kafka, "grant_job " + JOB + " && grant_shipper " + SHIPPER);

            send(kafka, SHIPPER, "threat-logs", "sshd: Failed password for root");
            send(kafka, SHIPPER, "system-metrics", "{\"host\":\"web-01\",\"cpu_usage\":1}");
            assertCannotSend(kafka, SHIPPER, "elsewhere", "a shipper writes the two topics only");
            assertCannotRead(kafka, SHIPPER, "vigil-shipper-peek", "a shipper reads nothing");

            assertThat(read(kafka, JOB, "threat-logs", "vigil")).containsExactly("sshd: Failed password for root");
            assertCannotSend(kafka, JOB, "threat-logs", "the job writes nothing to Kafka");
            assertCannotRead(kafka, JOB, "other-group", "the job reads only in its own groups");
        }
    }

    /** Sources kafka-acls.sh and runs the commands, with the real kafka-acls tool against the broker. */
    private static void grant(SecureKafkaFixture kafka, String commands) throws Exception {
        Path bin = Files.createDirectories(kafka.dir().resolve("bin"));
        Path args = kafka.dir().resolve("java.args");
        Files.writeString(args, "-cp\n\"" + System.getProperty("java.class.path") + "\"\n");
        Path acls = bin.resolve("kafka-acls.sh");
        Files.writeString(
                acls,
                "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' @'" + args
                        + "' kafka.admin.AclCommand \"$@\"\n");
        Files.setPosixFilePermissions(acls, PosixFilePermissions.fromString("rwx------"));
        Path config = kafka.dir().resolve("admin.properties");
        Properties admin = new Properties();
        kafka.security().clientProperties(ADMIN).forEach((k, v) -> admin.setProperty(k, String.valueOf(v)));
        try (var out = Files.newBufferedWriter(config)) {
            admin.store(out, null);
        }
        ProcessBuilder run = new ProcessBuilder(
                        "bash",
                        "-c",
                        "set -euo pipefail; source '" + HOME.resolve("scripts/compose/kafka-acls.sh") + "'; "
                                + commands)
                .redirectErrorStream(true);
        run.environment().put("KAFKA_BIN", bin.toString());
        run.environment().put("KAFKA_BOOTSTRAP", kafka.kafka().bootstrap());
        run.environment().put("KAFKA_COMMAND_CONFIG", config.toString());
        Process process = run.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    /** The broker refuses {@code user} a record on {@code topic}: the send fails for want of a grant. */
    private static void assertCannotSend(SecureKafkaFixture kafka, String user, String topic, String why) {
        assertThatThrownBy(() -> send(kafka, user, topic, "must not arrive"))
                .as(why)
                .hasRootCauseInstanceOf(AuthorizationException.class);
    }

    /** The broker refuses {@code user} the threat-logs topic in consumer group {@code group}. */
    private static void assertCannotRead(SecureKafkaFixture kafka, String user, String group, String why) {
        assertThatThrownBy(() -> read(kafka, user, "threat-logs", group))
                .as(why)
                .isInstanceOf(AuthorizationException.class);
    }

    private static void send(SecureKafkaFixture kafka, String user, String topic, String value) throws Exception {
        Map<String, Object> props = kafka.client(user);
        props.put("max.block.ms", "15000");
        props.put("delivery.timeout.ms", "15000");
        props.put("request.timeout.ms", "10000");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            try {
                producer.send(new ProducerRecord<>(topic, value)).get(20, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("send to " + topic + " as " + user, e);
            }
        }
    }

    private static List<String> read(SecureKafkaFixture kafka, String user, String topic, String group) {
        Map<String, Object> props = kafka.client(user);
        props.put("group.id", group);
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", "false");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
            consumer.commitSync(); // the job commits its offsets into its group on checkpoints
        }
        return values;
    }
}
