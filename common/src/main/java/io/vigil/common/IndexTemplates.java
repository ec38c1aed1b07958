package io.vigil.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The explicit index templates (composable, {@code PUT _index_template/NAME}) for one prefix.
 * The JSON lives in resources beside this class; {@code {{prefix}}} is replaced by the prefix.
 * Whoever writes first installs them (PUT is idempotent), so mappings never come from guessing.
 */
public final class IndexTemplates {
    private static final String[] NAMES = {"logs", "alerts", "dlq", "rules", "alert-history", "metrics", "notifications"
    };

    private IndexTemplates() {}

    /**
     * Refresh interval of the log indices by default: new documents are searchable (and reach
     * the live tail) within about a second. A longer interval raises the ingest rate (fewer,
     * larger segments) at the cost of that latency; the job's {@code es.logs-refresh} sets it.
     */
    public static final String DEFAULT_LOGS_REFRESH = "1s";

    /**
     * Stored-field compression of the log indices by default: DEFLATE ({@code best_compression}),
     * because a SIEM keeps what it stores, and retention is paid in disk. Elasticsearch's own note
     * on index.codec: up to 18 % less storage for log data, about 2 % of indexing throughput.
     * Seven 1M bench runs on one machine (issue 18's note, 2026-12-06) could not tell DEFLATE from
     * LZ4 ({@code default}) in rate, CPU or size: the same build varied by 25 % between runs there.
     * The job's {@code es.logs-codec} chooses LZ4 where ingest matters more than disk.
     */
    public static final String DEFAULT_LOGS_CODEC = "best_compression";

    /**
     * How the log indices read their dates ({@code timestamp}, {@code event.ingested}). The job
     * writes them as {@code Instant.toString()} does, which {@code strict_date_time} reads in about
     * half the time of {@code strict_date_optional_time} (0.6 against 1.1-1.2 µs in Elasticsearch
     * 7.10's own formatter); the other two are what the field read before, for every other shape
     * (a date alone, epoch millis). Issue 18: 42-44 against 38-39 µs of Elasticsearch CPU per
     * document loading the bench's million.
     */
    static final String LOG_DATES = "strict_date_time||strict_date_optional_time||epoch_millis";

    /**
     * How new daily log indices are laid out: their refresh interval, primary shards and codec
     * (the job's {@code es.logs-refresh}, {@code es.logs-shards} and {@code es.logs-codec}). One shard serves a single node; a
     * cluster wants about one primary per node, since a shard's writes go through one node
     * (docs/scaling.md).
     */
    public record LogIndices(String refresh, int shards, String codec) {
        public static final LogIndices DEFAULT = new LogIndices(DEFAULT_LOGS_REFRESH, 1, DEFAULT_LOGS_CODEC);

        public LogIndices {
            if (!refresh.matches("-1|\\d+(ms|s|m)")) {
                throw new IllegalArgumentException("refresh interval must look like 1s, 500ms, 1m or -1: " + refresh);
            }
            if (shards < 1 || shards > 1024) {
                throw new IllegalArgumentException("log indices need 1 to 1024 shards, not " + shards);
            }
            if (!codec.equals("default") && !codec.equals("best_compression")) {
                throw new IllegalArgumentException("log index codec must be default or best_compression: " + codec);
            }
        }
    }

    /** Template name → template body, in installation order. */
    public static Map<String, String> forPrefix(String prefix) {
        return forPrefix(prefix, LogIndices.DEFAULT);
    }

    public static Map<String, String> forPrefix(String prefix, LogIndices logs) {
        Indices indices = new Indices(prefix); // validates the prefix
        Map<String, String> templates = new LinkedHashMap<>();
        for (String name : NAMES) {
            templates.put(
                    indices.prefix() + "-" + name,
                    read(name)
                            .replace("{{prefix}}", prefix)
                            .replace("{{logs_refresh}}", logs.refresh())
                            .replace("{{logs_shards}}", String.valueOf(logs.shards()))
                            .replace("{{logs_codec}}", logs.codec())
                            .replace("{{log_dates}}", LOG_DATES));
        }
        return templates;
    }

    private static String read(String name) {
        String path = "templates/" + name + ".json";
        try (InputStream in = IndexTemplates.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing template resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
