package io.vigil.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The results: JSON for machines (keys as the benchmark issue names them) and a Markdown table. */
final class Report {
    final Map<String, Object> results = new LinkedHashMap<>();

    /** Decimals are kept to hundredths, here and in the nested maps that use {@link #hundredths}. */
    void put(String key, Object value) {
        results.put(key, value instanceof Double d ? hundredths(d) : value);
    }

    static double hundredths(double value) {
        return Math.round(value * 100) / 100.0;
    }

    void write(Path json) throws IOException {
        Files.createDirectories(json.toAbsolutePath().getParent());
        Files.writeString(
                json,
                Http.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results) + "\n");
        Files.writeString(BenchCommand.beside(json, ".md"), markdown());
    }

    @SuppressWarnings("unchecked")
    String markdown() {
        Map<String, Object> cluster = (Map<String, Object>) results.get("cluster");
        if (cluster != null) {
            return clusterMarkdown(cluster);
        }
        StringBuilder md = new StringBuilder();
        md.append("| measure | value |\n|---|---|\n");
        row(md, "events", results.get("events"));
        row(md, "machine", results.get("machine"));
        row(md, "end-to-end ingest, detection + rollups on (events/s)", results.get("ingest_eps"));
        row(md, "end to end, second half of the records (events/s, warm)", results.get("ingest_eps_second_half"));
        row(md, "Elasticsearch bulk ceiling, same documents (docs/s)", results.get("es_bulk_ceiling_eps"));
        row(md, "ingest / bulk ceiling", results.get("ingest_ratio"));
        row(
                md,
                "Elasticsearch ingest pipelines, the same records: grok + json (docs/s)",
                results.get("es_ingest_pipeline_eps"));
        row(md, "end to end / those pipelines", results.get("ingest_vs_peer"));
        row(
                md,
                "Elasticsearch grok pipeline, raw syslog lines only (docs/s)",
                results.get("es_ingest_pipeline_raw_lines_eps"));
        row(md, "detection-only, no raw indexing (events/s)", results.get("detection_only_eps"));
        row(md, "Kafka produce (records/s)", results.get("kafka_produce_eps"));
        row(md, "Kafka consume + parse, one thread (records/s)", results.get("kafka_consume_parse_eps"));
        row(md, "detection-only / consume+parse", results.get("detection_ratio"));
        Map<String, Object> latency = (Map<String, Object>) results.get("detection_latency_ms");
        if (latency != null) {
            row(md, "detection latency, single-event rules (ms p50 / p99 / max)", triple((Map<String, Object>)
                    latency.get("single_event")));
            row(md, "detection latency, windowed rules (ms p50 / p99 / max)", triple((Map<String, Object>)
                    latency.get("windowed")));
        }
        Map<String, Object> queries = (Map<String, Object>) results.get("query_latency_ms");
        if (queries != null) {
            queries.forEach((name, q) -> {
                Map<String, Object> m = (Map<String, Object>) q;
                row(md, "GET " + name + " (ms p50 / p99)", m.get("p50") + " / " + m.get("p99"));
            });
        }
        row(
                md,
                "documents stored / valid events",
                results.get("documents_stored") + " / " + results.get("valid_events"));
        row(
                md,
                "planted attacks alerted exactly once",
                results.get("alerts_raised") + " of " + results.get("alerts_expected"));
        cpuTable(md);
        jitTable(md);
        indexWorkTable(md);
        jobStateTable(md);
        return md.toString();
    }

    /** Where the end-to-end phase's CPU went, per process part, in µs per valid event. */
    @SuppressWarnings("unchecked")
    private void cpuTable(StringBuilder md) {
        Map<String, Object> cpu = (Map<String, Object>) results.get("cpu_breakdown");
        Object events = results.get("valid_events");
        if (cpu == null || !(events instanceof Number n) || n.longValue() == 0) {
            return;
        }
        md.append("\n| end to end: CPU of | cores | µs per event |\n|---|---|---|\n");
        cpu.forEach((part, v) -> {
            Map<String, Object> m = (Map<String, Object>) v;
            double seconds = ((Number) m.get("cpu_seconds")).doubleValue();
            md.append(String.format(
                    Locale.ROOT, "| %s | %.2f | %.0f |%n", part, m.get("cores"), seconds * 1e6 / n.doubleValue()));
        });
    }

    /** What the "jvm: jit" line above was spent on ({@code --profile} runs only; see JitWork). */
    @SuppressWarnings("unchecked")
    private void jitTable(StringBuilder md) {
        Map<String, Object> jit = (Map<String, Object>) results.get("jit_end_to_end");
        if (jit == null) {
            return;
        }
        md.append("\n| end to end: JIT of the stack JVM | value |\n|---|---|\n");
        row(
                md,
                "compilations (of them OSR), per second",
                jit.get("compilations") + " (" + jit.get("osr_compilations") + "), " + jit.get("compilations_per_s"));
        row(md, "compile time, summed over compiler threads (s)", jit.get("compile_seconds"));
        row(md, "compiled code added (MB)", jit.get("code_mb_added"));
        row(md, "deoptimizations", jit.get("deoptimizations"));
        row(
                md,
                "compilations over 100 ms, their seconds",
                jit.get("long_compilations") + ", " + jit.get("long_compilation_seconds"));
        ((Map<String, Object>) jit.getOrDefault("long_compilation_seconds_by_package", Map.of()))
                .forEach((pkg, seconds) -> row(md, "  of them in " + pkg + " (s)", seconds));
    }

    /** What Elasticsearch did per index in the end-to-end phase. */
    @SuppressWarnings("unchecked")
    private void indexWorkTable(StringBuilder md) {
        Map<String, Object> work = (Map<String, Object>) results.get("index_work");
        if (work == null) {
            return;
        }
        md.append("\n| end to end: index | index ops | deletes | gets | refreshes | merges | merge ms | MB on disk |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        work.forEach((index, v) -> {
            Map<String, Object> m = (Map<String, Object>) v;
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %,d | %,d | %,d | %,d | %,d | %,.1f |%n",
                    index,
                    m.get("index_ops"),
                    m.get("delete_ops"),
                    m.get("gets"),
                    m.get("refreshes"),
                    m.get("merges"),
                    m.get("merge_ms"),
                    ((Number) m.getOrDefault("store_bytes", 0L)).longValue() / 1e6));
        });
    }

    /** The job's state at the end of the end-to-end phase (see JobState). */
    @SuppressWarnings("unchecked")
    private void jobStateTable(StringBuilder md) {
        Map<String, Object> state = (Map<String, Object>) results.get("job_state_bytes");
        if (state == null || !state.containsKey("total")) {
            return;
        }
        md.append("\n| end to end: job state, full checkpoint at the end | MB |\n|---|---|\n");
        row(md, "all tasks", ((Number) state.get("total")).longValue() / 1e6);
        ((Map<String, Object>) state.getOrDefault("by_task", Map.of()))
                .forEach((task, bytes) -> row(md, task, ((Number) bytes).longValue() / 1e6));
    }

    /** {@code ./vigil bench --cluster}: one row per parallelism. */
    @SuppressWarnings("unchecked")
    private String clusterMarkdown(Map<String, Object> cluster) {
        StringBuilder md = new StringBuilder();
        md.append("| measure | value |\n|---|---|\n");
        row(md, "events", results.get("events"));
        row(md, "valid events (stored as log documents)", results.get("valid_events"));
        row(md, "machine", results.get("machine"));
        row(md, "Kafka produce, acks=all, 3 replicas (records/s)", cluster.get("produce_eps"));
        Map<String, Object> runs = (Map<String, Object>) cluster.getOrDefault("runs", Map.of());
        runs.forEach((name, r) -> {
            Map<String, Object> run = (Map<String, Object>) r;
            row(md, name.replace('_', ' ') + ": events/s", run.get("eps"));
            row(md, name.replace('_', ' ') + ": CPU us per event", run.get("cpu_us_per_event"));
        });
        return md.toString();
    }

    private static String triple(Map<String, Object> m) {
        return m == null ? "-" : m.get("p50") + " / " + m.get("p99") + " / " + m.get("max");
    }

    private static void row(StringBuilder md, String name, Object value) {
        String v = value instanceof Double d
                ? String.format(Locale.ROOT, d < 10 ? "%,.2f" : "%,.0f", d)
                : value instanceof Number n ? String.format(Locale.ROOT, "%,d", n.longValue()) : String.valueOf(value);
        md.append("| ").append(name).append(" | ").append(v).append(" |\n");
    }
}
