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

    /** Adds the host's asset attributes to the event. */
    public void enrich(LogEvent event) {
        for (Entry entry : entries) {
            for (Pattern host : entry.hosts) {
                if (host.matcher(event.host).matches()) {
                    event.fields.putAll(entry.attributes);
                    return;
                }
            }
        }
    }

    public int size() {
        return entries.size();
    }
}
