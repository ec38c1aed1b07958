package io.vigil.stack;

import io.vigil.embedded.ParentWatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One JVM of the cluster ({@code ./vigil up --cluster}): a broker, a node, a JobManager or a
 * TaskManager. Its output goes to {@code <name>.out} in the log directory; its standard input
 * stays open, so it exits when this JVM does ({@link ParentWatch}). It can be killed as a crash
 * kills (SIGKILL) and started again with the same command line and data.
 */
public final class ChildProcess implements AutoCloseable {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final List<String> command;
    private final Path output;
    private volatile Process process;
    private long outputStart;

    private ChildProcess(String name, List<String> command, Path output) {
        this.name = name;
        this.command = List.copyOf(command);
        this.output = output;
    }

    /** Starts {@code mainClass} under ParentWatch in a JVM with the given classpath. */
    public static ChildProcess start(
            String name, List<String> jvmOptions, String classpath, String mainClass, List<String> args, Path logDir)
            throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // A session of its own: Ctrl-C in the terminal reaches only the launcher, which then
            // stops the members in order (the job first) instead of all at once.
            command.add(SETSID.toString());
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dvigil.log.dir=" + logDir.toAbsolutePath());
        command.add("-Dvigil.log.name=" + name);
        // the launcher's file logging (local-stack's log4j2.properties) also under a test runner,
        // whose classpath holds a console-only log4j2-test.properties
        command.add("-Dlog4j2.configurationFile=log4j2.properties");
        command.add("-cp");
        command.add(classpath);
        command.add(ParentWatch.class.getName());
        command.add(mainClass);
        command.addAll(args);
        Files.createDirectories(logDir);
        ChildProcess child = new ChildProcess(name, command, logDir.resolve(name + ".out"));
        child.start();
        return child;
    }

    /** Starts the process (again, after {@link #kill}), appending to its output file. */
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        outputStart = Files.exists(output) ? Files.size(output) : 0;
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
    }

    /** Waits until this start's output has a line beginning with {@code prefix}; returns the rest of it. */
    public String awaitLine(String prefix, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = outputSinceStart();
            int at = text.indexOf(prefix);
            int end = at < 0 ? -1 : text.indexOf('\n', at);
            if (end > 0) {
                return text.substring(at + prefix.length(), end).trim();
            }
            if (!process.isAlive()) {
                throw new IOException(name + " exited with code " + process.exitValue() + "; see " + output);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(name + " did not start within " + timeout + "; see " + output);
            }
            Thread.sleep(100);
        }
    }

    private String outputSinceStart() throws IOException {
        byte[] all = Files.readAllBytes(output);
        int from = (int) Math.min(outputStart, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    /** Ends the process at once, without shutdown hooks: what a crash or {@code kill -9} does. */
    public void kill() throws InterruptedException {
        Process p = process;
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path output() {
        return output;
    }

    /** Stops the process (SIGTERM, its shutdown hooks run), killing it after 30 s. */
    @Override
    public void close() throws InterruptedException {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
