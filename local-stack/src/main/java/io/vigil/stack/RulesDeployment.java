package io.vigil.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code ./vigil rules deploy}, once the rules are validated and their tests pass (the script does
 * both first): puts the current rules into the running job without losing its state, through
 * Flink's REST API only, so it works against any Flink cluster.
 *
 * <ol>
 *   <li>Finds the running Vigil job and reads back its options (the job records them as its global
 *       job parameters) and parallelism.</li>
 *   <li>Uploads the job jar and checks the submission with {@code POST /jars/{id}/plan}: the job's
 *       main reads the rules where the job will (its {@code rules.path}) and refuses another rule
 *       set version than the one validated. Nothing has stopped yet.</li>
 *   <li>Stops the job with a savepoint (no drain: open windows, sequences and alerts stay in it).</li>
 *   <li>Runs the jar from the savepoint with the same options, the same parallelism and
 *       {@code allowNonRestoredState} (a removed rule's state is dropped), and waits until every
 *       task runs. Every rule operator's uid derives from the rule's id and kind, so every rule
 *       whose id and kind did not change resumes its state.</li>
 * </ol>
 *
 * Detection pauses from the stop to the new job running; Kafka keeps the records, and the new job
 * reads on from the savepoint's offsets, so no event is lost or read twice.
 */
public final class RulesDeployment {
    /** The name the job gives itself (VigilJob#execute). */
    public static final String JOB_NAME = "Vigil";

    static final String RULES_VERSION = "rules.version";

    private final FlinkRest rest;
    private final Consumer<String> say;

    public RulesDeployment(FlinkRest rest, Consumer<String> say) {
        this.rest = rest;
        this.say = say;
    }

    /** What a deployment did. {@code pause}: from the stop request to every task of the new job running. */
    public record Outcome(String oldJob, String newJob, String savepoint, Duration pause) {}

    /**
     * @param jobId           the job to replace, or null for the only running job named {@value #JOB_NAME}
     * @param savepointDir    where the savepoint goes, or null for the cluster's state.savepoints.dir
     */
    public Outcome deploy(Path jar, String ruleSetVersion, String jobId, String savepointDir, Duration timeout)
            throws IOException, InterruptedException {
        String job = jobId != null ? jobId : runningJob();
        Map<String, String> options = rest.jobParameters(job);
        if (options.isEmpty()) {
            throw new IOException("job " + job + " does not record its options (an older Vigil jar): resubmit it once"
                    + " with the current jar, then deploy");
        }
        int parallelism = rest.jobParallelism(job);
        options = new TreeMap<>(options);
        options.put(RULES_VERSION, ruleSetVersion);
        List<String> args = new ArrayList<>();
        options.forEach((key, value) -> {
            args.add("--" + key);
            args.add(value);
        });
        say.accept("uploading " + jar.getFileName() + " ...");
        String jarId = rest.uploadJar(jar);
        say.accept("checking the submission (rules at " + options.get("rules.path") + ", rule set "
                + brief(ruleSetVersion) + ") ...");
        try {
            rest.plan(jarId, args, parallelism);
        } catch (IOException e) {
            rest.deleteJar(jarId);
            throw new IOException(
                    "the job would not start with these rules, so job " + job + " was left running: "
                            + cause(e.getMessage()),
                    e);
        }
        say.accept("stopping job " + job + " with a savepoint ...");
        long stop = System.nanoTime();
        String savepoint = rest.stopWithSavepoint(job, savepointDir, timeout);
        say.accept("savepoint " + savepoint);
        String newJob;
        try {
            newJob = rest.runJarFrom(jarId, args, savepoint, parallelism);
            rest.awaitRunning(newJob, timeout);
        } catch (IOException e) {
            throw new IOException(
                    "job " + job + " stopped, but its successor did not start: " + cause(e.getMessage())
                            + ". Its state is in the savepoint " + savepoint + "; resume it with POST /jars/" + jarId
                            + "/run {\"savepointPath\":\"" + savepoint + "\",\"allowNonRestoredState\":true,...}",
                    e);
        }
        Duration pause = Duration.ofNanos(System.nanoTime() - stop);
        return new Outcome(job, newJob, savepoint, pause);
    }

    private String runningJob() throws IOException {
        List<FlinkRest.JobSummary> vigil = rest.jobs().stream()
                .filter(j -> j.name().equals(JOB_NAME) && j.state().equals("RUNNING"))
                .toList();
        if (vigil.isEmpty()) {
            throw new IOException("no running " + JOB_NAME + " job: start one first (./vigil up, or submit the jar)");
        }
        if (vigil.size() > 1) {
            throw new IOException("several " + JOB_NAME + " jobs run ("
                    + vigil.stream().map(FlinkRest.JobSummary::id).toList() + "): say which with --job");
        }
        return vigil.get(0).id();
    }

    static String brief(String version) {
        return version.length() > 12 ? version.substring(0, 12) : version;
    }

    /** The program's own error from Flink's answer (a stack trace in JSON): its first "Exception: " line. */
    static String cause(String message) {
        String text = message.replace("\\n", "\n").replace("\\t", "\t");
        String found = null;
        for (String line : text.split("\n")) {
            int at = line.indexOf("Exception: ");
            if (at >= 0) {
                found = line.substring(at + "Exception: ".length()).trim();
            }
            if (found != null && line.contains("IllegalArgumentException")) {
                return found; // the job's own refusal (rules version, invalid rules, bad option)
            }
        }
        return found != null ? found : message;
    }
}
