package io.vigil.job.enrich;

import io.vigil.common.DeadLetter;
import io.vigil.common.LogEvent;
import io.vigil.job.DeadLetters;
import io.vigil.job.FailedRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds asset attributes and threat-intel matches to every event. The inventory and the lists
 * are re-read when a file under the rules directory changes (checked at most every
 * {@code reloadMillis}), so new indicators apply without a restart. A broken edit keeps the
 * previous lists and is logged; it never stops the job. On a cluster, the rules directory
 * must be readable at the same path on every TaskManager (a shared or mounted volume).
 *
 * <p>An event enrichment fails on goes on without it (stored, and seen by every rule), and a dead
 * letter of stage {@code enrich} says why ({@code vigil.records.failed{stage=enrich}}):
 * enrichment only adds, so its failure must not hide the event.
 */
public class EnrichEvents extends ProcessFunction<LogEvent, LogEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(EnrichEvents.class);

    private final String rulesPath;
    private final long reloadMillis;
    private transient AssetInventory assets;
    private transient IntelLists intel;
    private transient long lastCheck;
    private transient long loadedStamp;
    private transient Counter intelMatches;
    private transient Counter failed;

    public EnrichEvents(String rulesPath, long reloadMillis) {
        this.rulesPath = rulesPath;
        this.reloadMillis = reloadMillis;
    }

    @Override
    public void open(Configuration parameters) {
        assets = AssetInventory.empty();
        intel = IntelLists.empty();
        intelMatches = getRuntimeContext().getMetricGroup().addGroup("vigil").counter("intel.matches");
        failed = FailedRecords.counter(getRuntimeContext().getMetricGroup(), DeadLetter.Stage.ENRICH);
        reloadIfChanged(System.currentTimeMillis());
    }

    @Override
    public void processElement(LogEvent event, Context ctx, Collector<LogEvent> out) {
        long now = System.currentTimeMillis();
        if (now - lastCheck >= reloadMillis) {
            reloadIfChanged(now);
        }
        try {
            assets.enrich(event);
            intel.enrich(event);
        } catch (RuntimeException | StackOverflowError e) {
            failed.inc();
            ctx.output(
                    DeadLetters.TAG,
                    DeadLetter.ofEvent(
                            event,
                            DeadLetter.Stage.ENRICH,
                            DeadLetter.unexpected(e) + " (stored without enrichment)",
                            now));
        }
        if (event.fields.containsKey("threat.indicator.list")) {
            intelMatches.inc();
        }
        out.collect(event);
    }

    private void reloadIfChanged(long now) {
        lastCheck = now;
        Path root = Path.of(rulesPath);
        long stamp = stamp(root);
        if (stamp == loadedStamp || stamp == UNREADABLE) {
            return;
        }
        try {
            AssetInventory newAssets = AssetInventory.load(root.resolve("assets.yml"));
            IntelLists newIntel = IntelLists.load(root.resolve("intel"));
            assets = newAssets;
            intel = newIntel;
            loadedStamp = stamp;
            LOG.info(
                    "Loaded {} asset entries and {} intel indicators from {}", newAssets.size(), newIntel.size(), root);
        } catch (IOException e) {
            loadedStamp = stamp; // do not retry the same broken files on every event
            LOG.warn("Keeping the previous asset inventory and intel lists: {}", e.getMessage());
        }
    }

    static final long UNREADABLE = Long.MIN_VALUE;

    /** A number that changes whenever a file of the inventory or the lists changes, appears or goes. */
    static long stamp(Path root) {
        long stamp = 1;
        Path assets = root.resolve("assets.yml");
        try {
            if (Files.exists(assets)) {
                stamp = stamp * 31 + Files.getLastModifiedTime(assets).toMillis();
            }
            Path intel = root.resolve("intel");
            if (Files.isDirectory(intel)) {
                try (Stream<Path> files = Files.walk(intel, 2)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        stamp = stamp * 31 + f.hashCode();
                        stamp = stamp * 31 + Files.getLastModifiedTime(f).toMillis() + Files.size(f);
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return UNREADABLE; // a file vanished while we looked: try again at the next check
        }
        return stamp;
    }
}
