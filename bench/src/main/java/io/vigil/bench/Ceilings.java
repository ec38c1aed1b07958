package io.vigil.bench;

import io.vigil.common.IndexTemplates;
import io.vigil.common.Indices;
import io.vigil.common.LogEvent;
import io.vigil.job.DocumentWriter;
import io.vigil.job.RawRecord;
import io.vigil.job.RecordParser;
import io.vigil.job.RejectedRecordException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What this machine's Kafka and Elasticsearch do on their own with the same records. */
final class Ceilings {
    private Ceilings() {}

    /** A batching producer that counts a record once its partition's leader has it. */
    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return producer(bootstrap, "1");
    }

    /** The bench's producer: batched (10 ms, 256 KiB) and lz4-compressed, with {@code acks} as given. */
    static KafkaProducer<String, byte[]> producer(String bootstrap, String acks) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("linger.ms", "10");
        p.put("batch.size", String.valueOf(256 * 1024));
        p.put("compression.type", "lz4");
        p.put("acks", acks);
        return new KafkaProducer<>(p);
    }

    /** Produces every item to {@code topicFor}; returns records per second. */
    static double produce(
            String bootstrap, List<Workload.Item> items, java.util.function.Function<Workload.Item, String> topicFor) {
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (Workload.Item item : items) {
                producer.send(new ProducerRecord<>(topicFor.apply(item), item.key(), item.value()));
            }
            producer.flush();
        }
        return items.size() / seconds(t0);
    }

    /** A topic like Vigil's own, ready for producers when this returns. */
    static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        io.vigil.embedded.EmbeddedKafka.createTopics(bootstrap, Map.of(), List.of(topic), partitions, (short) 1);
    }

    /** Consumes {@code count} records of the topic and parses each as the job does; records per second. */
    static double consumeAndParse(String bootstrap, String topic, int count) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "bench-ceiling-" + System.nanoTime());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "2000");
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        RecordParser parser = new RecordParser(1 << 20, ZoneOffset.UTC);
        long seen = 0;
        long valid = 0;
        long t0 = 0; // from the first record: the group join before it is not throughput
        long started = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            while (seen < count && seconds(started) < 600) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (t0 == 0 && !records.isEmpty()) {
                    t0 = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    seen++;
                    try {
                        parser.parse(
                                new RawRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.value()),
                                r.timestamp());
                        valid++;
                    } catch (RejectedRecordException e) {
                        // counted as seen; the job would dead-letter it
                    }
                }
            }
        }
        if (valid == 0) {
            throw new IllegalStateException("the consume+parse ceiling parsed nothing");
        }
        return seen / seconds(t0);
    }

    /** The documents the job would index for these items (parsed here, untimed). */
    static List<String[]> documents(List<Workload.Item> items, long receivedAt) {
        RecordParser parser = new RecordParser(1 << 20, ZoneOffset.UTC);
        Indices indices = new Indices("benchceil");
        List<String[]> docs = new ArrayList<>(items.size());
        int offset = 0;
        for (Workload.Item item : items) {
            try {
                LogEvent e =
                        parser.parse(new RawRecord(item.topic(), 0, offset++, receivedAt, item.value()), receivedAt);
                docs.add(new String[] {
                    indices.logsIndexFor(e.timestamp),
                    e.id,
                    new String(DocumentWriter.logDocument(e), StandardCharsets.UTF_8)
                });
            } catch (RejectedRecordException ignored) {
                // not a document
            }
        }
        return docs;
    }

    /** Best bulk rate into the Vigil log template over a few bulk sizes and client threads. */
    static Map<String, Double> elasticsearchBulk(String esUrl, List<String[]> docs) throws Exception {
        Http es = new Http(esUrl);
        for (Map.Entry<String, String> t : IndexTemplates.forPrefix("benchceil").entrySet()) {
            es.send(
                    "PUT",
                    "/_index_template/" + t.getKey(),
                    "application/json",
                    t.getValue().getBytes(StandardCharsets.UTF_8));
        }
        Map<String, Double> rates = new java.util.LinkedHashMap<>();
        int per = Math.min(docs.size(), 250_000);
        // Warm-up (JIT on both sides, index creation), not reported.
        bulk(
                es,
                docs.subList(0, Math.min(docs.size(), 20_000)),
                1000,
                1,
                null,
                d -> "{\"index\":{\"_index\":\"" + d[0] + "\",\"_id\":\"" + d[1] + "\"}}",
                d -> d[2]);
        for (int threads : new int[] {1, 2}) {
            for (int size : new int[] {1000, 5000}) {
                es.send("DELETE", "/benchceil-logs-*", "application/json", new byte[0]);
                List<String[]> slice = docs.subList(0, per);
                rates.put(
                        "bulk " + size + " x " + threads + " thread" + (threads > 1 ? "s" : ""),
                        bulk(
                                es,
                                slice,
                                size,
                                threads,
                                null,
                                d -> "{\"index\":{\"_index\":\"" + d[0] + "\",\"_id\":\"" + d[1] + "\"}}",
                                d -> d[2]));
            }
        }
        es.send("DELETE", "/benchceil-logs-*", "application/json", new byte[0]);
        return rates;
    }

    /**
     * The peer: Elasticsearch's own ingest pipelines over the same records Vigil ingests, the way
     * its users would ship them: raw syslog lines through grok (Filebeat's auth-log parsing),
     * JSON records through the json and date processors, each record naming its pipeline in its
     * bulk action. Best of one and two client threads.
     *
     * @param records each record's text and whether it is a raw line (else JSON)
     */
    static double ingestPipelines(String esUrl, List<Map.Entry<String, Boolean>> records) throws Exception {
        Http es = new Http(esUrl);
        putPipeline(es, "vigil-bench-grok", "/grok-pipeline.json");
        putPipeline(es, "vigil-bench-json", "/json-pipeline.json");
        es.send("DELETE", "/benchpeer", "application/json", new byte[0]);
        es.send(
                "PUT",
                "/benchpeer",
                "application/json",
                "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0,\"refresh_interval\":\"1s\"}}"
                        .getBytes(StandardCharsets.UTF_8));
        double best = 0;
        for (int threads : new int[] {1, 2}) {
            best = Math.max(
                    best,
                    bulk(
                            es,
                            records,
                            1000,
                            threads,
                            null,
                            r -> "{\"index\":{\"_index\":\"benchpeer\",\"pipeline\":\""
                                    + (r.getValue() ? "vigil-bench-grok" : "vigil-bench-json") + "\"}}",
                            r -> Http.JSON
                                    .createObjectNode()
                                    .put("message", r.getKey())
                                    .toString()));
        }
        es.send("DELETE", "/benchpeer", "application/json", new byte[0]);
        return best;
    }

    private static void putPipeline(Http es, String name, String resource) throws Exception {
        byte[] pipeline = Ceilings.class.getResourceAsStream(resource).readAllBytes();
        var r = es.send("PUT", "/_ingest/pipeline/" + name, "application/json", pipeline);
        if (r.statusCode() != 200) {
            throw new IOException("pipeline " + name + " refused: " + r.body());
        }
    }

    /** The earlier, narrower peer figure: only the raw syslog lines, through grok. */
    static double grokPipeline(String esUrl, List<String> lines) throws Exception {
        List<Map.Entry<String, Boolean>> records = new ArrayList<>();
        lines.forEach(l -> records.add(Map.entry(l, true)));
        return ingestPipelines(esUrl, records);
    }

    private static <T> double bulk(
            Http es,
            List<T> docs,
            int size,
            int threads,
            String pipeline,
            java.util.function.Function<T, String> action,
            java.util.function.Function<T, String> source)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            workers.add(pool.submit(() -> {
                int from;
                while ((from = next.getAndAdd(size)) < docs.size()) {
                    ByteArrayOutputStream body = new ByteArrayOutputStream(size * 600);
                    for (T d : docs.subList(from, Math.min(from + size, docs.size()))) {
                        body.writeBytes(
                                (action.apply(d) + "\n" + source.apply(d) + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                    var r = es.send(
                            "POST",
                            "/_bulk" + (pipeline == null ? "" : "?pipeline=" + pipeline),
                            "application/x-ndjson",
                            body.toByteArray());
                    if (r.statusCode() != 200
                            || r.body().startsWith("{\"took\":") && r.body().contains("\"errors\":true")) {
                        throw new IOException("bulk failed: " + firstError(r.body()));
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        return docs.size() / seconds(t0);
    }

    /** The first refused item of a bulk answer (the answer itself is mostly successes). */
    private static String firstError(String body) {
        int error = body.indexOf("\"error\"");
        int from = error < 0 ? 0 : Math.max(0, error - 200);
        return body.substring(from, Math.min(body.length(), from + 700));
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
