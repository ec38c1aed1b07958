package io.vigil.stack;

import io.vigil.common.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code --demo}: realistic traffic from 20 hosts, produced to Kafka like any agent would.
 * Every host sends a metric sample every 2 s (CPU, memory and network wandering around the
 * host's own level; one host runs hot now and then, mq-01 leaks memory steadily, cache-02's
 * traffic out jumps tenfold now and then), and security logs trickle in — JSON events and raw
 * syslog lines as rsyslog forwards them — with a brute force from one address (raw sshd lines)
 * planted every few minutes.
 */
public final class DemoTraffic implements AutoCloseable {
    private static final String[] HOSTS = {
        "web-01",
        "web-02",
        "web-03",
        "web-04",
        "web-05",
        "web-06",
        "app-01",
        "app-02",
        "app-03",
        "app-04",
        "db-01",
        "db-02",
        "db-03",
        "cache-01",
        "cache-02",
        "mq-01",
        "bastion-01",
        "mail-01",
        "ci-01",
        "vpn-01"
    };
    private static final long MEMORY_TOTAL = 16L * 1024 * 1024 * 1024;

    private final KafkaProducer<String, String> producer;
    private final String metricsTopic;
    private final String threatsTopic;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vigil-demo");
        t.setDaemon(true);
        return t;
    });
    private final Random random;
    /** Its memory climbs steadily (a leak), restarting at 40 % after 95 %: a trend alert. */
    static final String LEAKING = "mq-01";
    /** Its network out jumps tenfold now and then: a baseline anomaly. */
    static final String EXFILTRATING = "cache-02";

    private final List<double[]> state = new ArrayList<>(); // per host: cpu, memory %, net in, net out
    private final List<double[]> baseline = new ArrayList<>(); // per host: the levels it returns to
    private long tick;

    private DemoTraffic(String bootstrap, Map<String, Object> security) {
        this(bootstrap, security, Topics.METRICS, Topics.THREATS, new Random());
    }

    /** To other topics, with a seeded generator: tests replay the demo through a job of their own. */
    DemoTraffic(
            String bootstrap, Map<String, Object> security, String metricsTopic, String threatsTopic, Random random) {
        this.metricsTopic = metricsTopic;
        this.threatsTopic = threatsTopic;
        this.random = random;
        Properties props = new Properties();
        props.putAll(security);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        producer = new KafkaProducer<>(props);
        for (String ignored : HOSTS) {
            double[] base = {
                15 + random.nextDouble() * 30,
                30 + random.nextDouble() * 40,
                50_000 + random.nextDouble() * 500_000,
                20_000 + random.nextDouble() * 800_000
            };
            baseline.add(base);
            state.add(base.clone());
        }
    }

    /** Produces to {@code bootstrap}; {@code security} holds the TLS/SASL client settings of a secure broker, if any. */
    public static DemoTraffic start(String bootstrap, Map<String, Object> security) {
        DemoTraffic demo = new DemoTraffic(bootstrap, security);
        demo.timer.scheduleAtFixedRate(demo::safeTick, 0, 2, TimeUnit.SECONDS);
        return demo;
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            System.err.println("demo traffic: " + e.getMessage());
        }
    }

    private void tick() {
        tick(Instant.now());
    }

    /**
     * Produces {@code ticks} ticks of traffic at once, the first at {@code from}, 2 s of event time
     * apart: minutes of the demo in seconds (a brute force comes at the 31st tick).
     */
    void produce(Instant from, int ticks) {
        for (int i = 0; i < ticks; i++) {
            tick(from.plusSeconds(2L * i));
        }
    }

    private void tick(Instant now) {
        tick++;
        for (int i = 0; i < HOSTS.length; i++) {
            double[] s = state.get(i);
            double[] base = baseline.get(i);
            boolean hot = i == (tick / 150) % HOSTS.length && (tick % 150) < 60; // 2 of every 5 minutes
            // Mean-reverting noise around each host's own level: healthy hosts stay healthy.
            s[0] = hot
                    ? 92 + random.nextDouble() * 7
                    : clamp(s[0] + 0.2 * (base[0] - s[0]) + random.nextGaussian() * 3, 2, 85);
            s[1] = HOSTS[i].equals(LEAKING)
                    ? leak(s[1])
                    : clamp(s[1] + 0.2 * (base[1] - s[1]) + random.nextGaussian() * 0.5, 10, 88);
            s[2] = base[2] * (1 + random.nextGaussian() * 0.08);
            boolean burst =
                    HOSTS[i].equals(EXFILTRATING) && tick > 900 && tick % 600 < 90; // after 30 min, 3 of every 20
            s[3] = base[3] * (burst ? 10 : 1) * (1 + random.nextGaussian() * 0.08);
            long used = (long) (MEMORY_TOTAL * s[1] / 100);
            String sample = String.format(
                    Locale.ROOT,
                    "{\"timestamp\":\"%s\",\"host\":\"%s\",\"cpu_usage\":%.1f,"
                            + "\"memory_usage\":{\"used\":%d,\"total\":%d,\"percentage\":%.1f},"
                            + "\"network\":{\"in_bytes_per_sec\":%.0f,\"out_bytes_per_sec\":%.0f}}",
                    now,
                    HOSTS[i],
                    s[0],
                    used,
                    MEMORY_TOTAL,
                    s[1],
                    s[2],
                    s[3]);
            producer.send(new ProducerRecord<>(metricsTopic, HOSTS[i], sample));
        }
        if (random.nextInt(3) == 0) {
            String host = HOSTS[random.nextInt(HOSTS.length)];
            String user = List.of("alice", "bob", "deploy", "carol").get(random.nextInt(4));
            loginEvent(now, host, user, "10.0.4." + (10 + random.nextInt(40)), 40000 + random.nextInt(20000));
        }
        if (random.nextInt(4) == 0) {
            String host = HOSTS[random.nextInt(HOSTS.length)];
            syslog(
                    now,
                    host,
                    "sudo",
                    null,
                    "    deploy : TTY=pts/0 ; PWD=/srv/app ; USER=root ; COMMAND=/usr/bin/systemctl restart app");
        }
        if (tick % 90 == 30) { // a brute force every 3 minutes: 8 failures in 4 s, then a success
            String attacker = "203.0.113." + (1 + random.nextInt(250));
            for (int n = 0; n < 8; n++) {
                syslog(
                        now.plusMillis(n * 500L),
                        "bastion-01",
                        "sshd",
                        4000 + n,
                        "Failed password for " + (n % 3 == 0 ? "invalid user admin" : "root") + " from " + attacker
                                + " port " + (50000 + n) + " ssh2");
            }
            syslog(
                    now.plusMillis(4500),
                    "bastion-01",
                    "sshd",
                    4010,
                    "Accepted password for root from " + attacker + " port 50010 ssh2");
        }
        producer.flush();
    }

    private static final java.time.format.DateTimeFormatter SYSLOG_TIME = java.time.format.DateTimeFormatter.ofPattern(
                    "MMM ppd HH:mm:ss", Locale.ROOT)
            .withZone(java.time.ZoneOffset.UTC);

    /** A raw RFC 3164 line, as a syslog forwarder would ship it. */
    private void syslog(Instant time, String host, String program, Integer pid, String message) {
        String line = SYSLOG_TIME.format(time) + " " + host + " " + program + (pid == null ? "" : "[" + pid + "]")
                + ": " + message;
        producer.send(new ProducerRecord<>(threatsTopic, host, line));
    }

    /** A JSON security event with ECS fields, as an agent such as Filebeat would ship it. */
    private void loginEvent(Instant time, String host, String user, String sourceIp, int sourcePort) {
        String event = String.format(
                Locale.ROOT,
                "{\"timestamp\":\"%s\",\"host\":\"%s\",\"message\":\"Accepted publickey for %s from %s port %d ssh2\","
                        + "\"process\":{\"name\":\"sshd\"},\"user\":{\"name\":\"%s\"},"
                        + "\"source\":{\"ip\":\"%s\",\"port\":%d},"
                        + "\"event\":{\"category\":\"authentication\",\"action\":\"ssh_login\",\"outcome\":\"success\"}}",
                time,
                host,
                user,
                sourceIp,
                sourcePort,
                user,
                sourceIp,
                sourcePort);
        producer.send(new ProducerRecord<>(threatsTopic, host, event));
    }

    /** +0.01 points every 2 s (18 %/h), as a leaking service; restarted at 95 %. */
    private static double leak(double memory) {
        return memory >= 95 ? 40 : memory + 0.01;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        producer.flush();
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
