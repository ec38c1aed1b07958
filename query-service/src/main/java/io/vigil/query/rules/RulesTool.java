package io.vigil.query.rules;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs {@code vigil rules ...} for the dashboard's rule actions (deploy, backtest): the same command
 * an author runs, so the page never does less (validation, the rules' tests, the job's own
 * operators). {@code VIGIL_RULES_COMMAND} names the {@code vigil} script (the local stack sets it);
 * without it the actions answer 501. One action at a time; the arguments are fixed words and
 * checked instants, never text a caller sent.
 */
@Singleton
public class RulesTool {
    /** Output kept per run (the end of it, where the outcome is). */
    static final int MAX_OUTPUT = 256 * 1024;

    private final String command;
    private final String flinkUrl;
    private final ReentrantLock busy = new ReentrantLock();

    public RulesTool(
            @Value("${vigil.rules.command:}") String command, @Value("${vigil.rules.flink-url:}") String flinkUrl) {
        this.command = command == null ? "" : command.trim();
        this.flinkUrl = flinkUrl == null ? "" : flinkUrl.trim();
    }

    /** How a run ended: its exit code and its output (stdout and stderr). */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** {@code vigil rules deploy [--flink URL]}. */
    public Result deploy(Duration timeout) {
        List<String> args = new ArrayList<>(List.of("rules", "deploy"));
        if (!flinkUrl.isEmpty()) {
            args.addAll(List.of("--flink", flinkUrl));
        }
        return run(args, timeout);
    }

    /**
     * {@code vigil rules backtest --from F --to T --json} (F, T: ISO-8601 instants); with
     * {@code --no-keys} unless the caller may see protected fields in clear, so what the alerts say
     * never shows more than {@code /logs} would.
     */
    public Result backtest(java.time.Instant from, java.time.Instant to, boolean clear, Duration timeout) {
        List<String> args = new ArrayList<>(
                List.of("rules", "backtest", "--from", from.toString(), "--to", to.toString(), "--json"));
        if (!clear) {
            args.add("--no-keys");
        }
        return run(args, timeout);
    }

    Result run(List<String> args, Duration timeout) {
        if (command.isEmpty() || !Files.isExecutable(Path.of(command))) {
            throw new HttpStatusException(
                    HttpStatus.NOT_IMPLEMENTED,
                    "rule actions are not available here: VIGIL_RULES_COMMAND must name the vigil script");
        }
        if (!busy.tryLock()) {
            throw new HttpStatusException(
                    HttpStatus.CONFLICT, "another rule action is running; try again when it is done");
        }
        try {
            List<String> argv = new ArrayList<>();
            argv.add(command);
            argv.addAll(args);
            Process process = new ProcessBuilder(argv)
                    .directory(Path.of(command).toAbsolutePath().getParent().toFile())
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> copyTail(process.getInputStream(), output), "rules-tool-output");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new HttpStatusException(
                        HttpStatus.GATEWAY_TIMEOUT,
                        "vigil " + String.join(" ", args.subList(0, 2)) + " did not finish within "
                                + timeout.toSeconds() + " s");
            }
            reader.join(5_000);
            synchronized (output) {
                return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new HttpStatusException(
                    HttpStatus.INTERNAL_SERVER_ERROR, "cannot run " + command + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted");
        } finally {
            busy.unlock();
        }
    }

    private static void copyTail(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (out) {
                    if (out.size() + n > MAX_OUTPUT) {
                        byte[] kept = out.toByteArray();
                        int keep = Math.max(0, MAX_OUTPUT / 2);
                        out.reset();
                        out.write(kept, kept.length - Math.min(keep, kept.length), Math.min(keep, kept.length));
                    }
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }
}
