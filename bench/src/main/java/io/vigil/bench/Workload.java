package io.vigil.bench;

import io.vigil.common.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A realistic, repeatable (seeded) mixed stream: metric samples from 200 hosts, JSON security
 * events, raw sshd / pam_unix / sudo / kernel-firewall syslog, and attacks planted at known
 * points. Background noise is drawn so that it never meets a starter rule's threshold by
 * chance (failures come from a 16-million-address space), so every alert is a planted one.
 */
public final class Workload {
    /** One record to produce. */
    public record Item(String topic, String key, byte[] value, boolean raw) {}

    /** An attack planted in the stream, and the alert it must raise. */
    public record Planted(String name, String ruleId, String host, String groupKey) {}

    public static final int HOSTS = 200;
    private static final DateTimeFormatter SYSLOG =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    public final List<Item> items;
    public final List<Planted> planted = new ArrayList<>();
    public final Instant start;
    public final Instant end;
    private final Random random = new Random(20261126);
    private final double[] cpu = new double[HOSTS];
    private final double[] memory = new double[HOSTS];

    private Workload(int events, Instant end, long spanMillis) {
        this.items = new ArrayList<>(events + 256);
        this.end = end;
        this.start = end.minusMillis(spanMillis);
        for (int h = 0; h < HOSTS; h++) {
            cpu[h] = 10 + random.nextDouble() * 40;
            memory[h] = 30 + random.nextDouble() * 40;
        }
        generate(events, spanMillis);
    }

    /** {@code events} records spread over the half hour of event time before {@code end}. */
    public static Workload generate(int events, Instant end) {
        return new Workload(events, end, 30 * 60_000L);
    }

    static String host(int h) {
        String[] roles = {"web", "web", "app", "app", "db", "cache", "mq", "ci"};
        return roles[h % roles.length] + "-" + String.format(Locale.ROOT, "%03d", h);
    }

    private void generate(int events, long span) {
        int plantAt = events / 2;
        for (int i = 0; i < events; i++) {
            Instant t = start.plusMillis(span * i / events);
            if (i == plantAt) {
                plantAttacks(t);
            }
            int kind = random.nextInt(10);
            if (kind < 5) {
                metric(t, i);
            } else if (kind < 7) {
                jsonEvent(t);
            } else {
                syslog(t);
            }
        }
    }

    private void metric(Instant t, int i) {
        int h = i % HOSTS;
        cpu[h] = clamp(cpu[h] + random.nextGaussian() * 2, 2, 80);
        memory[h] = clamp(memory[h] + random.nextGaussian() * 0.3, 10, 85);
        double value = cpu[h];
        if (h == 7 && t.isAfter(spikeFrom) && t.isBefore(spikeTo)) {
            value = 96 + random.nextDouble() * 3.5; // the planted CPU spike
        }
        long total = 16L << 30;
        add(
                Topics.METRICS,
                host(h),
                String.format(
                        Locale.ROOT,
                        "{\"timestamp\":\"%s\",\"host\":\"%s\",\"cpu_usage\":%.1f,\"memory_usage\":{\"used\":%d,\"total\":%d},"
                                + "\"network\":{\"in_bytes_per_sec\":%d,\"out_bytes_per_sec\":%d}}",
                        t,
                        host(h),
                        value,
                        (long) (total * memory[h] / 100),
                        total,
                        50_000 + random.nextInt(900_000),
                        20_000 + random.nextInt(2_000_000)),
                false);
    }

    private Instant spikeFrom = Instant.MAX;
    private Instant spikeTo = Instant.MAX;

    private void jsonEvent(Instant t) {
        int h = random.nextInt(HOSTS);
        String user = List.of("alice", "bob", "carol", "deploy", "svc-backup").get(random.nextInt(5));
        String process =
                List.of("nginx", "python3", "java", "cron", "node", "postgres").get(random.nextInt(6));
        String event = random.nextBoolean()
                ? String.format(
                        Locale.ROOT,
                        "{\"timestamp\":\"%s\",\"host\":\"%s\",\"message\":\"Accepted publickey for %s\","
                                + "\"user\":{\"name\":\"%s\"},\"source\":{\"ip\":\"10.20.%d.%d\",\"port\":%d},\"process\":{\"name\":\"sshd\"},"
                                + "\"event\":{\"category\":\"authentication\",\"action\":\"ssh_login\",\"outcome\":\"success\"}}",
                        t,
                        host(h),
                        user,
                        user,
                        random.nextInt(256),
                        random.nextInt(256),
                        1024 + random.nextInt(60000))
                : String.format(
                        Locale.ROOT,
                        "{\"timestamp\":\"%s\",\"host\":\"%s\",\"message\":\"process started: %s\","
                                + "\"process\":{\"name\":\"%s\",\"pid\":%d,\"command_line\":\"/usr/bin/%s --serve\"},\"user\":{\"name\":\"%s\"},"
                                + "\"event\":{\"category\":\"process\",\"action\":\"process_started\",\"outcome\":\"success\"}}",
                        t,
                        host(h),
                        process,
                        process,
                        1000 + random.nextInt(60000),
                        process,
                        user);
        add(Topics.THREATS, host(h), event, false);
    }

    private void syslog(Instant t) {
        int h = random.nextInt(HOSTS);
        String ip = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
        int port = 1024 + random.nextInt(60000);
        int pid = 1000 + random.nextInt(60000);
        String line = switch (random.nextInt(6)) {
            case 0, 1 -> "sshd[" + pid + "]: Accepted publickey for deploy from " + ip + " port " + port + " ssh2";
            case 2 ->
                "sshd[" + pid + "]: Failed password for "
                        + List.of("root", "admin", "ubuntu").get(random.nextInt(3)) + " from " + ip + " port " + port
                        + " ssh2";
            case 3 ->
                "sshd[" + pid
                        + "]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost="
                        + ip;
            case 4 ->
                "sudo:   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/systemctl status nginx";
            default ->
                "kernel: [" + random.nextInt(999999) + ".123456] [UFW BLOCK] IN=eth0 OUT= SRC=" + ip
                        + " DST=192.0.2.10 LEN=60 TTL=52 PROTO=TCP SPT=" + port + " DPT=" + (1 + random.nextInt(65000))
                        + " SYN";
        };
        add(Topics.THREATS, host(h), SYSLOG.format(t) + " " + host(h) + " " + line, true);
    }

    /**
     * Planted at the middle of the stream: a brute force (8 failures in 16 s from one address),
     * password spraying (12 users from one address in 2 minutes), a port scan (25 ports in 30 s)
     * and a CPU spike (one host above 96 % for 5 minutes).
     */
    private void plantAttacks(Instant t) {
        String bastion = "bastion-01";
        for (int n = 0; n < 8; n++) {
            add(
                    Topics.THREATS,
                    bastion,
                    SYSLOG.format(t.plusSeconds(n * 2L)) + " " + bastion + " sshd[" + (7000 + n)
                            + "]: Failed password for root from 198.18.0.10 port " + (40000 + n) + " ssh2",
                    true);
        }
        planted.add(new Planted("brute force", "ssh-brute-force", bastion, "198.18.0.10"));
        for (int n = 0; n < 12; n++) {
            add(
                    Topics.THREATS,
                    bastion,
                    SYSLOG.format(t.plusSeconds(10L * n)) + " " + bastion + " sshd[" + (7100 + n)
                            + "]: Failed password for invalid user user" + n + " from 198.18.0.20 port " + (41000 + n)
                            + " ssh2",
                    true);
        }
        planted.add(new Planted("password spraying", "password-spraying", bastion, "198.18.0.20"));
        for (int n = 0; n < 25; n++) {
            add(
                    Topics.THREATS,
                    "fw-01",
                    SYSLOG.format(t.plusSeconds(n)) + " fw-01 kernel: [1.0] [UFW BLOCK] IN=eth0 OUT= SRC=198.18.0.30"
                            + " DST=192.0.2.10 LEN=60 TTL=52 PROTO=TCP SPT=55555 DPT=" + (20 + n * 7) + " SYN",
                    true);
        }
        planted.add(new Planted("port scan", "port-scan", "fw-01", "198.18.0.30"));
        spikeFrom = t;
        spikeTo = t.plusSeconds(300);
        planted.add(new Planted("CPU spike", "cpu-high", host(7), host(7)));
    }

    /** A raw RFC 3164 line: {@code MMM dd HH:mm:ss HOST REST}. */
    static String syslogLine(Instant t, String host, String rest) {
        return SYSLOG.format(t) + " " + host + " " + rest;
    }

    private void add(String topic, String key, String value, boolean raw) {
        items.add(new Item(topic, key, value.getBytes(StandardCharsets.UTF_8), raw));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
