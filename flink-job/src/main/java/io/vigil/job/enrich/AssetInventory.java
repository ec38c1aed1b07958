package io.vigil.job.enrich;

import io.vigil.common.Globs;
import io.vigil.common.LogEvent;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Host → owner, environment, criticality and host group, from {@code assets.yml} in the rules
 * directory. Entries are tried in order; the first whose host globs match wins. Host groups are
 * also what access control scopes users by.
 */
public final class AssetInventory {
    static final List<String> ATTRIBUTES = List.of("owner", "environment", "criticality", "group");

    private record Entry(List<Pattern> hosts, Map<String, String> attributes) {
    }

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
    private final List<Entry> entries;

    private AssetInventory(List<Entry> entries) {
        this.entries = entries;
    }

    public static AssetInventory empty() {
        return new AssetInventory(List.of());
    }

    public static AssetInventory load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        Object data;
        try (Reader reader = Files.newBufferedReader(file)) {
            data = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (RuntimeException e) {
            throw new IOException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (data == null) {
            return empty();
        }
        if (!(data instanceof Map<?, ?> root) || !(root.get("assets") instanceof List<?> list)) {
            throw new IOException(file + ": expected a top-level `assets:` list");
        }
        List<Entry> entries = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map) || !(map.get("hosts") instanceof List<?> hosts)) {
                throw new IOException(file + ": every asset entry needs a `hosts:` list of globs");
            }
            List<Pattern> patterns = new ArrayList<>();
            hosts.forEach(h -> patterns.add(Globs.toPattern(String.valueOf(h))));
            Map<String, String> attributes = new LinkedHashMap<>();
            for (String attribute : ATTRIBUTES) {
                if (map.get(attribute) != null) {
                    attributes.put("asset." + attribute, String.valueOf(map.get(attribute)));
                }
            }
            entries.add(new Entry(patterns, attributes));
        }
        return new AssetInventory(entries);
    }

    /** Adds the host's asset attributes to the event. Not thread-safe: one inventory per operator. */
    public void enrich(LogEvent event) {
        if (entries.isEmpty() || event.host == null) {
            return;
        }
        event.fields.putAll(byHost.computeIfAbsent(event.host, this::attributesOf));
    }

    private Map<String, String> attributesOf(String hostName) {
        for (Entry entry : entries) {
            for (Pattern host : entry.hosts) {
                if (host.matcher(hostName).matches()) {
                    return entry.attributes;
                }
            }
        }
        return Map.of();
    }

    public int size() {
        return entries.size();
    }
}
