package io.vigil.bench;

import io.vigil.stack.StackSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A fresh local stack in its own process, started exactly as `./vigil up` starts one, on free
 * ports and a new data dir, so the benchmark never touches a stack the user is running.
 */
final class StackProcess implements AutoCloseable {
    final StackSettings settings;
    final String adminPassword;
    private final Process process;

    private StackProcess(StackSettings settings, String adminPassword, Process process) {
        this.settings = settings;
        this.adminPassword = adminPassword;
        this.process = process;
    }

    /** @param recording a JFR file to record the stack JVM's CPU samples into, or null */
    static StackProcess start(Path home, Path dataDir, Path recording) throws IOException, InterruptedException {
        StackSettings settings = StackSettings.onFreePorts(home, dataDir, Map.of());
        String password = "bench-" + Long.toHexString(System.nanoTime());
        Path launcher = home.resolve("local-stack/target");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx3g",
                "-Dvigil.home=" + home,
                "@" + launcher.resolve("jvm.options"),
                recording == null
                        ? "-Dvigil.bench.profile=off"
                        : "-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true",
                "-cp",
                launcher.resolve("vigil-local-stack.jar") + ":" + launcher.resolve("lib") + "/*",
                "io.vigil.stack.VigilCommand",
                "up",
                "--home",
                home.toString(),
                "--data",
                dataDir.toString(),
                "--ports",
                settings.kafkaPort() + "," + settings.kafkaControllerPort() + "," + settings.elasticsearchPort() + ","
                        + settings.flinkPort() + "," + settings.httpPort()));
        Files.createDirectories(dataDir);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("VIGIL_ADMIN_PASSWORD", password);
        builder.environment().remove("VIGIL_DATA");
        Process process = builder.start();
        CountDownLatch up = new CountDownLatch(1);
        Path log = dataDir.resolve("bench-stack.out");
        Thread pump = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                            var out = Files.newBufferedWriter(log)) {
                        for (String line; (line = in.readLine()) != null; ) {
                            out.write(line);
                            out.newLine();
                            out.flush();
                            if (line.startsWith("Vigil is up")) {
                                up.countDown();
                            }
                        }
                    } catch (IOException ignored) {
                        // the process ended
                    }
                },
                "bench-stack-output");
        pump.setDaemon(true);
        pump.start();
        if (!up.await(5, TimeUnit.MINUTES) || !process.isAlive()) {
            process.destroyForcibly();
            throw new IOException("the benchmark's stack did not start; see " + log);
        }
        return new StackProcess(settings, password, process);
    }

    /** The stack's processes by role (the launcher JVM and the query service it started), for CPU accounting. */
    java.util.Map<Long, String> processRoles() {
        java.util.Map<Long, String> roles = new java.util.LinkedHashMap<>();
        roles.put(process.pid(), "stack");
        process.toHandle().descendants().forEach(child -> roles.put(child.pid(), "query service"));
        roles.put(ProcessHandle.current().pid(), "bench client (producer, counting)");
        return roles;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
