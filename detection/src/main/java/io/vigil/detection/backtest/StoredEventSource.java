package io.vigil.detection.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.ElasticsearchRest;
import io.vigil.common.LogEvent;
import io.vigil.common.protect.FieldCipher;
import io.vigil.common.protect.FieldKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.source.RichSourceFunction;

/**
 * The stored events of a time range, oldest first, read from Elasticsearch with a scroll (one
 * pass, constant memory however many there are). A bounded source: when it ends, event time
 * reaches its end and every window the range opened is decided.
 */
public class StoredEventSource extends RichSourceFunction<LogEvent> {
    public static final String EVENTS = "backtest-events";
    private static final long serialVersionUID = 1L;
    private static final int PAGE = 1000;

    private final String esUrl;
    private final String index;
    private final long from;
    private final long to;
    private final long maxEvents;
    private final String keysFile;
    private final String authorization;
    private volatile boolean running = true;
    private transient LongCounter events;

    /**
     * @param keysFile      the field keys (to decrypt protected fields), or null
     * @param authorization an {@code Authorization} header value, or null
     */
    public StoredEventSource(
            String esUrl, String index, Instant from, Instant to, long maxEvents, Path keysFile, String authorization) {
        this.esUrl = esUrl;
        this.index = index;
        this.from = from.toEpochMilli();
        this.to = to.toEpochMilli();
        this.maxEvents = maxEvents;
        this.keysFile = keysFile == null ? null : keysFile.toString();
        this.authorization = authorization;
    }

    /** The end of the range, epoch millis (exclusive). */
    public long end() {
        return to;
    }

    @Override
    public void open(Configuration parameters) {
        events = getRuntimeContext().getLongCounter(EVENTS);
    }

    @Override
    public void run(SourceContext<LogEvent> out) throws Exception {
        ObjectMapper json = new ObjectMapper();
        FieldCipher cipher = keysFile == null ? null : new FieldCipher(FieldKeys.load(Path.of(keysFile)));
        ElasticsearchRest es = new ElasticsearchRest(esUrl, authorization, Duration.ofSeconds(60));
        ObjectNode body = json.createObjectNode();
        body.put("size", PAGE);
        body.putObject("query")
                .putObject("range")
                .putObject("timestamp")
                .put("gte", from)
                .put("lt", to)
                .put("format", "epoch_millis");
        body.putArray("sort").addObject().put("timestamp", "asc");
        JsonNode page = es.post("/" + index + "/_search?scroll=2m&ignore_unavailable=true", body.toString());
        String scroll = page.path("_scroll_id").asText(null);
        long emitted = 0;
        try {
            while (running) {
                JsonNode hits = page.path("hits").path("hits");
                if (hits.isEmpty()) {
                    return;
                }
                for (JsonNode hit : hits) {
                    if (emitted >= maxEvents) {
                        return;
                    }
                    LogEvent event = StoredEvents.fromDocument(hit.path("_id").asText(), hit.path("_source"), cipher);
                    synchronized (out.getCheckpointLock()) {
                        out.collect(event);
                    }
                    events.add(1);
                    emitted++;
                }
                if (scroll == null) {
                    return;
                }
                ObjectNode next = json.createObjectNode().put("scroll", "2m").put("scroll_id", scroll);
                page = es.post("/_search/scroll", next.toString());
                scroll = page.path("_scroll_id").asText(scroll);
            }
        } finally {
            if (scroll != null) {
                try {
                    es.delete(
                            "/_search/scroll",
                            json.createObjectNode().put("scroll_id", scroll).toString());
                } catch (IOException e) {
                    // the scroll expires on its own
                }
            }
        }
    }

    @Override
    public void cancel() {
        running = false;
    }
}
