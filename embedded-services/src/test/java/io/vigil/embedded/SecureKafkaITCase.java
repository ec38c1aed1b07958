package io.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The secure broker as `./vigil up --secure` runs it: TLS + SASL/SCRAM-SHA-512 on the client
 * port and nothing else. Certificates come from the repository's scripts/certs.sh.
 */
class SecureKafkaITCase {
    private static final String TOPIC = "secure-roundtrip";
    private static final String USER = "vigil-client";
    private static final String PASSWORD = "client-password-for-this-test-only";
    private static final String SECRET_RECORD = "{\"host\":\"web-01\",\"message\":\"only over TLS\"}";

    private static SecureKafkaFixture broker;
    private static KafkaSecurity security;

    @BeforeAll
    static void startSecureBroker() throws Exception {
        broker = SecureKafkaFixture.start(
                Map.of(USER, PASSWORD, "vigil-job", "job-password-for-this-test"), List.of(TOPIC));
        security = broker.security();
        try (KafkaProducer<String, String> producer = producer(security.clientProperties(USER))) {
            producer.send(new ProducerRecord<>(TOPIC, "web-01", SECRET_RECORD)).get();
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aTlsScramConsumerReadsWhatATlsScramProducerWrote() {
        assertThat(consumeFor(security.clientProperties(USER), Duration.ofSeconds(30), 1))
                .containsExactly(SECRET_RECORD);
    }

    @Test
    void aPlaintextClientGetsNothing() {
        Map<String, Object> plaintext = Map.of("security.protocol", "PLAINTEXT");
        assertThat(consumeFor(plaintext, Duration.ofSeconds(3), 1)).isEmpty();
        assertThat(sendFailure(plaintext)).hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void tlsWithoutScramGetsNothing() {
        Map<String, Object> tlsOnly = new HashMap<>(security.clientProperties(USER));
        tlsOnly.keySet().removeIf(key -> key.startsWith("sasl."));
        tlsOnly.put("security.protocol", "SSL");
        assertThat(consumeFor(tlsOnly, Duration.ofSeconds(3), 1)).isEmpty();
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> wrong = security.clientProperties(USER, "not-the-password");
        assertThat(sendFailure(wrong))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(SaslAuthenticationException.class);
        assertThat(consumeFor(wrong, Duration.ofSeconds(3), 1)).isEmpty();
    }

    @Test
    void anUnknownUserIsRefused() {
        Map<String, Object> stranger = security.clientProperties("mallory", PASSWORD);
        assertThat(sendFailure(stranger)).hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void aClientThatDoesNotTrustTheCaDoesNotConnect() {
        Map<String, Object> noTrust = new HashMap<>(security.clientProperties(USER));
        noTrust.keySet().removeIf(key -> key.startsWith("ssl.truststore."));
        assertThat(sendFailure(noTrust)).hasCauseInstanceOf(SslAuthenticationException.class);
    }

    /** What sending one record with these settings throws (null if it was accepted). */
    private static Throwable sendFailure(Map<String, Object> security) {
        try (KafkaProducer<String, String> producer = producer(security)) {
            return catchThrowable(() -> producer.send(new ProducerRecord<>(TOPIC, "must not arrive"))
                    .get());
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> security) {
        Map<String, Object> props = broker.client(security);
        props.put("max.block.ms", "3000");
        props.put("delivery.timeout.ms", "3000");
        props.put("request.timeout.ms", "2500");
        props.put("linger.ms", "0");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Everything the client can read from the topic within {@code time} (stops at {@code enough}). */
    private static List<String> consumeFor(Map<String, Object> security, Duration time, int enough) {
        Map<String, Object> props = broker.client(security);
        props.put("group.id", "secure-test-" + System.nanoTime());
        props.put("auto.offset.reset", "earliest");
        props.put("default.api.timeout.ms", "3000");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + time.toNanos();
            while (System.nanoTime() < deadline && values.size() < enough) {
                try {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        values.add(record.value());
                    }
                } catch (RuntimeException refused) {
                    // An authentication failure surfaces here: the client got nothing, which is the point.
                }
            }
        }
        return values;
    }
}
