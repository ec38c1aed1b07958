package io.vigil.stack;

import io.vigil.common.Topics;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The fault test's input: raw syslog lines and JSON metric samples from 40 hosts at a steady rate,
 * with attacks planted at known times — SSH brute forces (six failures from one source, a count
 * rule) and sudo to root by users outside the admin group (a match rule). A log shipper's
 * producer: idempotent, {@code acks=all}, so a broker's death neither loses nor doubles a record.
 * It keeps the document id ({@link io.vigil.common.DocumentIds}) of every record Kafka acknowledged.
 */
final class ClusterTraffic implements AutoCloseable {
    static final int FAILURES_PER_BRUTE_FORCE = 6;
    private static final DateTimeFormatter RFC3164 =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int HOSTS = 40;

    /** A planted attack: the rule that must alert once, and what its alert's group key contains. */
    record Attack(String ruleId, String groupValue) {}

    private final KafkaProducer<String, String> producer;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<Attack> planted = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;
    private volatile boolean stop;
    private volatile long firstSentAfterNanos = Long.MAX_VALUE;
    private final AtomicReference<String> firstIdAfterMark = new AtomicReference<>();

    ClusterTraffic(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);
        thread = new Thread(this::run, "cluster-traffic");
        thread.setDaemon(true);
        thread.start();
    }

    /** 100 lines and 40 metric samples a second; an attack every 3 seconds, alternating kinds. */
    private void run() {
        long tick = 0;
        while (!stop) {
            long started = System.nanoTime();
            Instant now = Instant.now();
            for (int i = 0; i < 10; i++) {
                int host = (int) ((tick * 10 + i) % HOSTS);
                syslog(
                        now,
                        "host-" + host,
                        "sshd[" + (1000 + i) + "]",
                        "Accepted publickey for deploy from 10.1.0." + host + " port " + (40000 + tick % 20000)
                                + " ssh2");
            }
            if (tick % 10 == 0) {
                for (int host = 0; host < HOSTS; host++) {
                    metric(now, "host-" + host, 20 + (tick + host) % 30);
                }
            }
            if (tick % 30 == 15) {
                plant(now, tick / 30);
            }
            tick++;
            long sleep = 100 - (System.nanoTime() - started) / 1_000_000;
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void plant(Instant now, long n) {
        if (n % 2 == 0) {
            String source = "198.51.100." + (n / 2 % 250 + 1);
            for (int i = 0; i < FAILURES_PER_BRUTE_FORCE; i++) {
                syslog(
                        now.plusMillis(i * 300L),
                        "bastion-" + n,
                        "sshd[" + (2000 + i) + "]",
                        "Failed password for root from " + source + " port " + (50000 + i) + " ssh2");
            }
            record(new Attack("ssh-brute-force", source));
        } else {
            String user = "intruder" + n;
            syslog(
                    now,
                    "db-" + n,
                    "sudo",
                    "   " + user + " : TTY=pts/0 ; PWD=/home/" + user + " ; USER=root ; COMMAND=/bin/bash");
            // user.name is encrypted at rest (rules/protection.yml): the host names the alert
            record(new Attack("sudo-root-non-admin", "db-" + n));
        }
    }

    private synchronized void record(Attack attack) {
        planted.add(attack);
    }

    private void syslog(Instant time, String host, String program, String message) {
        send(Topics.THREATS, host, RFC3164.format(time) + " " + host + " " + program + ": " + message);
    }

    private void metric(Instant time, String host, long cpu) {
        send(
                Topics.METRICS,
                host,
                String.format(
                        Locale.ROOT,
                        "{\"timestamp\":\"%s\",\"host\":\"%s\",\"cpu_usage\":%d,\"memory_usage\":{\"percentage\":40},"
                                + "\"network\":{\"in_bytes_per_sec\":1000,\"out_bytes_per_sec\":2000}}",
                        time,
                        host,
                        cpu));
    }

    private void send(String topic, String key, String value) {
        long at = System.nanoTime();
        boolean afterMark = at >= firstSentAfterNanos;
        sent.incrementAndGet();
        producer.send(new ProducerRecord<>(topic, key, value), (RecordMetadata m, Exception e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
                return;
            }
            String id = io.vigil.common.DocumentIds.of(m.topic(), m.partition(), m.offset());
            acknowledged.add(id);
            if (afterMark && topic.equals(Topics.THREATS)) {
                firstIdAfterMark.compareAndSet(null, id);
            }
        });
    }

    /** From now on, remembers the id of the first threat record sent (see {@link #firstIdAfterMark}). */
    void mark() {
        firstIdAfterMark.set(null);
        firstSentAfterNanos = System.nanoTime();
    }

    /** The id of the first threat record sent after {@link #mark}, once Kafka acknowledged it. */
    String firstIdAfterMark() {
        return firstIdAfterMark.get();
    }

    /** Stops sending and waits until Kafka acknowledged everything sent. */
    void finish() throws InterruptedException {
        stop = true;
        thread.join();
        producer.flush();
    }

    Set<String> acknowledged() {
        return acknowledged;
    }

    long sent() {
        return sent.get();
    }

    synchronized List<Attack> planted() {
        return List.copyOf(planted);
    }

    Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() {
        stop = true;
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
