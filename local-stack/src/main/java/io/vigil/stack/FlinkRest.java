package io.vigil.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Flink's REST API as an operator uses it against any cluster: upload the jar, run it, watch
 * the job. Nothing here is MiniCluster-specific.
 */
public final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    public FlinkRest(String url) {
        this.url = url;
    }

    /** {@code POST /jars/upload} with the multipart field {@code jarfile}; returns the jar id. */
    public String uploadJar(Path jar) throws IOException {
        String boundary = "vigil-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"jarfile\"; filename=\"" + jar.getFileName() + "\"\r\n"
                        + "Content-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(url + "/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        String filename = answer.path("filename").asText();
        if (!"success".equals(answer.path("status").asText()) || filename.isEmpty()) {
            throw new IOException("Flink refused the jar upload: " + answer);
        }
        return Path.of(filename).getFileName().toString();
    }

    /**
     * {@code POST /jars/{id}/run} at {@code parallelism}; resumes from {@code savepoint} when given.
     * Returns the job id. The parallelism is always sent: Flink 1.20's JarRunHandler takes a missing
     * one from the request's own (empty) configuration, i.e. 1, not from the cluster's
     * {@code parallelism.default} (JarHandlerUtils.JarHandlerContext#fromRequest).
     */
    public String runJar(String jarId, List<String> programArgs, Path savepoint, int parallelism) throws IOException {
        return runJarFrom(
                jarId, programArgs, savepoint == null ? null : savepoint.toUri().toString(), parallelism);
    }

    /** As {@link #runJar(String, List, Path, int)}, from a savepoint given as Flink reports it (a URI). */
    public String runJarFrom(String jarId, List<String> programArgs, String savepoint, int parallelism)
            throws IOException {
        ObjectNode request = JSON.createObjectNode();
        request.putPOJO("programArgsList", programArgs);
        request.put("parallelism", parallelism);
        if (savepoint != null) {
            request.put("savepointPath", savepoint);
            // Rules removed since the checkpoint leave state nobody reads: drop it, do not fail.
            request.put("allowNonRestoredState", true);
        }
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(url + "/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())));
        String jobId = answer.path("jobid").asText();
        if (jobId.isEmpty()) {
            throw new IOException("Flink did not start the job: " + answer);
        }
        return jobId;
    }

    /**
     * {@code POST /jars/{id}/plan}: runs the program's main to build its job graph, without
     * submitting it. Fails, with the program's own error, where running the jar would fail at
     * submission (bad arguments, invalid rules, another rule set version than expected).
     */
    public void plan(String jarId, List<String> programArgs, int parallelism) throws IOException {
        ObjectNode request = JSON.createObjectNode();
        request.putPOJO("programArgsList", programArgs);
        request.put("parallelism", parallelism);
        send(HttpRequest.newBuilder(URI.create(url + "/jars/" + jarId + "/plan"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())));
    }

    /** A job as {@code GET /jobs/overview} lists it. */
    public record JobSummary(String id, String name, String state) {}

    public List<JobSummary> jobs() throws IOException {
        List<JobSummary> jobs = new java.util.ArrayList<>();
        for (JsonNode job : get("/jobs/overview").path("jobs")) {
            jobs.add(new JobSummary(
                    job.path("jid").asText(),
                    job.path("name").asText(),
                    job.path("state").asText()));
        }
        return jobs;
    }

    /** The job's global job parameters ({@code GET /jobs/{id}/config}: execution-config.user-config). */
    public java.util.Map<String, String> jobParameters(String jobId) throws IOException {
        java.util.Map<String, String> parameters = new java.util.TreeMap<>();
        get("/jobs/" + jobId + "/config")
                .path("execution-config")
                .path("user-config")
                .fields()
                .forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
        return parameters;
    }

    /** The parallelism the job runs at: the highest of its vertices'. */
    public int jobParallelism(String jobId) throws IOException {
        int parallelism = 1;
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            parallelism = Math.max(parallelism, vertex.path("parallelism").asInt(1));
        }
        return parallelism;
    }

    /**
     * Stops the job with a savepoint ({@code POST /jobs/{id}/stop}, no drain: windows stay open in
     * the savepoint) and waits for it; returns the savepoint's location.
     *
     * @param targetDirectory where to write it, or null for the cluster's state.savepoints.dir
     */
    public String stopWithSavepoint(String jobId, String targetDirectory, Duration timeout)
            throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode();
        request.put("drain", false);
        if (targetDirectory != null) {
            request.put("targetDirectory", targetDirectory);
        }
        String trigger = trigger("/jobs/" + jobId + "/stop", request.toString(), "the stop of job " + jobId);
        return awaitOperation("/jobs/" + jobId + "/savepoints/" + trigger, "the savepoint of job " + jobId, timeout)
                .path("location")
                .asText();
    }

    /**
     * Takes a full checkpoint of the running job now ({@code POST /jobs/{id}/checkpoints}, Flink
     * 1.19 and later) and waits for it; returns its id.
     */
    public long checkpoint(String jobId, Duration timeout) throws IOException, InterruptedException {
        String trigger = trigger(
                "/jobs/" + jobId + "/checkpoints", "{\"checkpointType\":\"FULL\"}", "a checkpoint of job " + jobId);
        JsonNode operation =
                awaitOperation("/jobs/" + jobId + "/checkpoints/" + trigger, "the checkpoint of job " + jobId, timeout);
        if (!operation.has("checkpointId")) {
            throw new IOException("Flink's answer to the checkpoint of job " + jobId + " names none: " + operation);
        }
        return operation.path("checkpointId").asLong();
    }

    /**
     * The state each task wrote in a completed checkpoint ({@code GET
     * /jobs/{id}/checkpoints/details/{checkpoint}}): task name (its chained operators) → bytes. Of
     * a full checkpoint of heap state, about what the tasks hold, serialized.
     */
    public Map<String, Long> checkpointStateSizes(String jobId, long checkpointId) throws IOException {
        Map<String, String> names = new HashMap<>();
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            names.put(vertex.path("id").asText(), vertex.path("name").asText());
        }
        JsonNode details = get("/jobs/" + jobId + "/checkpoints/details/" + checkpointId);
        Map<String, Long> sizes = new TreeMap<>();
        details.path("tasks")
                .fields()
                .forEachRemaining(task -> sizes.put(
                        names.getOrDefault(task.getKey(), task.getKey()),
                        task.getValue().path("state_size").asLong()));
        return sizes;
    }

    /** Starts an asynchronous operation ({@code POST} of a JSON body); returns its trigger id. */
    private String trigger(String path, String body, String what) throws IOException {
        String trigger = send(HttpRequest.newBuilder(URI.create(url + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)))
                .path("request-id")
                .asText();
        if (trigger.isEmpty()) {
            throw new IOException("Flink did not accept " + what);
        }
        return trigger;
    }

    /**
     * Polls an asynchronous operation of Flink's REST API until it completes; returns its
     * {@code operation}, or throws with the first line of its failure.
     */
    private JsonNode awaitOperation(String path, String what, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get(path);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                // savepoints name it failure-cause, checkpoints failureCause
                JsonNode failure = operation.has("failure-cause")
                        ? operation.path("failure-cause")
                        : operation.path("failureCause");
                if (!failure.isMissingNode() && !failure.isNull()) {
                    throw new IOException(what + " failed: "
                            + failure.path("stack-trace")
                                    .asText(failure.toString())
                                    .lines()
                                    .findFirst()
                                    .orElse(""));
                }
                return operation;
            }
            Thread.sleep(100);
        }
        throw new IOException(what + " did not complete within " + timeout);
    }

    /** A TaskManager as {@code GET /taskmanagers} lists it (its id is its resource id). */
    public record TaskManager(String id, int slots, int freeSlots) {}

    /** {@code GET /taskmanagers}: the TaskManagers registered with the JobManager. */
    public List<TaskManager> taskManagers() throws IOException {
        List<TaskManager> result = new java.util.ArrayList<>();
        for (JsonNode tm : get("/taskmanagers").path("taskmanagers")) {
            result.add(new TaskManager(
                    tm.path("id").asText(),
                    tm.path("slotsNumber").asInt(),
                    tm.path("freeSlots").asInt()));
        }
        return result;
    }

    /** How many checkpoints of the job completed ({@code GET /jobs/{id}/checkpoints}). */
    public long completedCheckpoints(String jobId) throws IOException {
        return get("/jobs/" + jobId + "/checkpoints")
                .path("counts")
                .path("completed")
                .asLong();
    }

    /**
     * How often the job failed over (restarted some or all of its tasks): the entries of
     * {@code GET /jobs/{id}/exceptions}'s history (Flink keeps the last 16 by default).
     */
    public int failovers(String jobId) throws IOException {
        return failoverCauses(jobId).size();
    }

    /** Each failover's time, failed task and exception, newest first, as the job's exception history has them. */
    public List<String> failoverCauses(String jobId) throws IOException {
        List<String> causes = new java.util.ArrayList<>();
        for (JsonNode entry :
                get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries")) {
            causes.add(java.time.Instant.ofEpochMilli(entry.path("timestamp").asLong()) + " "
                    + entry.path("taskName").asText("(no task)") + ": "
                    + entry.path("exceptionName").asText());
        }
        return causes;
    }

    /** {@code DELETE /jars/{id}}. */
    public void deleteJar(String jarId) throws IOException {
        send(HttpRequest.newBuilder(URI.create(url + "/jars/" + jarId)).DELETE());
    }

    /** The job's state (RUNNING, FAILED, ...), as {@code GET /jobs/{id}} reports it. */
    public String jobState(String jobId) throws IOException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** Waits until the job and all its tasks run; fails fast when the job fails. */
    public void awaitRunning(String jobId, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = get("/jobs/" + jobId);
            String state = job.path("state").asText();
            if ("FAILED".equals(state) || "CANCELED".equals(state)) {
                throw new IOException("job " + jobId + " is " + state + "; see the Flink UI at " + url);
            }
            boolean allRunning = "RUNNING".equals(state) && job.path("vertices").size() > 0;
            for (JsonNode vertex : job.path("vertices")) {
                allRunning &= "RUNNING".equals(vertex.path("status").asText());
            }
            if (allRunning) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException("job " + jobId + " did not reach RUNNING within " + timeout);
    }

    /** Cancels the job; its last checkpoint stays (RETAIN_ON_CANCELLATION in flink-conf). */
    public void cancel(String jobId) throws IOException {
        send(HttpRequest.newBuilder(URI.create(url + "/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    private JsonNode get(String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IOException("Flink REST " + response.statusCode() + ": " + response.body());
            }
            String body = response.body();
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (java.net.ConnectException e) {
            throw new IOException("cannot reach Flink's REST API at " + url + " (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
