package io.vigil.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free local ports: for tests, so a suite never collides with a running {@code ./vigil up} on the same
 * machine, and for the launcher's check before it starts. Here, not in embedded-services, because the
 * query service's tests need it too and keep that module off their classpath (its Elasticsearch
 * brings Netty 4.1; Micronaut runs 4.2).
 */
public final class FreePorts {
    private FreePorts() {}

    /** The lowest port handed out: above the well-known and most registered service ports. */
    private static final int LOWEST = 10_000;

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A port nothing listens on, below the kernel's ephemeral range and never handed out before by
     * this JVM. The caller (often a child process) binds it seconds later: an ephemeral port could
     * be taken by any outgoing connection on the machine in between, and the kernel hands a
     * closed ephemeral port out again, so two nodes of one cluster could get the same one.
     */
    public static int next() {
        int highest = ephemeralRange()[0] - 1;
        if (highest - LOWEST < 1_000) {
            return ephemeral(); // an unusual range: no room below it
        }
        for (int attempt = 0; attempt < 10_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
            if (!HANDED_OUT.contains(port) && isFree(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + highest);
    }

    private static int ephemeral() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The kernel's range for the local ports of outgoing connections: Linux's
     * {@code ip_local_port_range}, or Linux's default where there is none.
     */
    static int[] ephemeralRange() {
        try {
            String[] parts = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .trim()
                    .split("\\s+");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (IOException | RuntimeException e) {
            return new int[] {32768, 60999};
        }
    }

    /** True when nothing listens on the port (what the launcher checks before starting). */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
