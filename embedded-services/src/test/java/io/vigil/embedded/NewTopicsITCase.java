package io.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A topic is ready for producers when {@link EmbeddedKafka#createTopics} returns. Before, it
 * returned once the controller had the topic, while the broker could still answer "not the
 * leader": an idempotent producer's first batch was then retried behind later ones, refused as
 * out of order forever, and lost (IngestionITCase saw 1,998 of its 2,000 lines in CI).
 */
@ExtendWith(VigilServicesExtension.class)
class NewTopicsITCase {

    @Test
    void everyPartitionTakesARecordAtOnceWhenCreateTopicsReturns() throws Exception {
        EmbeddedKafka kafka = VigilServicesExtension.Services.get().kafka;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // No retry: a partition whose broker is not its leader yet fails the send.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.RETRIES_CONFIG, "0");
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int t = 0; t < 10; t++) {
                String topic = "new-topic-" + t + "-" + System.nanoTime();
                kafka.createTopics(List.of(topic), 3);
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (int p = 0; p < 3; p++) {
                    sent.add(producer.send(new ProducerRecord<>(topic, p, null, "first")));
                }
                for (Future<RecordMetadata> f : sent) {
                    assertThat(f.get().offset()).as(topic).isZero();
                }
            }
        }
    }
}
