package io.vigil.job.enrich;

import io.vigil.common.AssetsFile;
import io.vigil.common.LogEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds the asset attributes of {@code assets.yml} in the rules directory to events, as
 * {@code asset.owner}, {@code asset.environment}, {@code asset.criticality} and
 * {@code asset.group}. The file is read, validated and matched by common's {@link AssetsFile}, the
 * query service's reader too; this class only remembers hosts. Host groups are also what access
 * control scopes users by.
 */
public final class AssetInventory {
    /**
     * Hosts already looked up, and the attributes they got (none: an empty map). Matching every
     * glob of every entry cost 4 % of the parse task's time (JFR of JobCost); fleets repeat hosts.
     * Bounded, least recently used first out: host names come from the records, and a producer
     * that invents them must not grow the cache.
     */
    private static final int CACHED_HOSTS = 4096;

    private final Map<String, Map<String, String>> byHost = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, String>> eldest) {
            return size() > CACHED_HOSTS;
        }
    };
    private final AssetsFile assets;

    private AssetInventory(AssetsFile assets) {
        this.assets = assets;
    }

    public static AssetInventory empty() {
        return new AssetInventory(AssetsFile.EMPTY);
    }

    /** The file's inventory (absent: empty); an invalid file throws with every mistake, {@code file:line: message}. */
    public static AssetInventory load(Path file) throws IOException {
        return new AssetInventory(AssetsFile.read(file));
    }

    /** Adds the host's asset attributes to the event. Not thread-safe: one inventory per operator. */
    public void enrich(LogEvent event) {
        if (assets.size() == 0 || event.host == null) {
            return;
        }
        event.fields.putAll(byHost.computeIfAbsent(event.host, this::attributesOf));
    }

    private Map<String, String> attributesOf(String hostName) {
        AssetsFile.Asset asset = assets.assetOf(hostName);
        return asset == null ? Map.of() : asset.fields();
    }

    public int size() {
        return assets.size();
    }
}
