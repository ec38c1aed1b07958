package io.vigil.query.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Host → host group from the asset inventory (rules/assets.yml: the first entry whose {@code hosts}
 * globs match wins), for routing alerts whose detector did not put {@code context.host_group} on
 * them (rule alerts do not). Re-read when the file changes, as the job does; a broken edit keeps the
 * previous inventory and is logged.
 */
final class AssetGroups {
    private static final Logger LOG = LoggerFactory.getLogger(AssetGroups.class);
    static final AssetGroups NONE = new AssetGroups(null);

    private record Entry(List<Pattern> hosts, String group) {
    }

    private final Path file;
    private volatile List<Entry> entries = List.of();
    private FileTime readVersion;

    AssetGroups(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The group of the alert: its own {@code context.host_group}, else the inventory's, else null. */
    String groupOf(AlertView alert) {
        String own = alert.contextHostGroup();
        if (own != null || alert.host() == null) {
            return own;
        }
        for (Entry entry : entries) {
            if (entry.hosts().stream().anyMatch(p -> p.matcher(alert.host()).matches())) {
                return entry.group();
            }
        }
        return null;
    }

    /** Reads the file again when it changed since the last read (cheap: one stat). */
    synchronized void refresh() {
        if (file == null) {
            return;
        }
        FileTime version;
        try {
            version = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            version = FileTime.fromMillis(0); // absent: no groups, and said once
        }
        if (version.equals(readVersion)) {
            return;
        }
        readVersion = version; // a broken edit is reported once, not at every poll
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            List<Entry> read = new ArrayList<>();
            for (JsonNode asset : root == null ? List.<JsonNode>of() : iterable(root.path("assets"))) {
                String group = asset.path("group").asText(null);
                List<Pattern> hosts = new ArrayList<>();
                asset.path("hosts").forEach(h -> hosts.add(io.vigil.common.Globs.toPattern(h.asText())));
                if (group != null && !hosts.isEmpty()) {
                    read.add(new Entry(hosts, group));
                }
            }
            entries = List.copyOf(read);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot read the asset inventory {} for notification routing (keeping the previous one): {}",
                    file, e.getClass().getSimpleName());
        }
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        return array.isArray() ? array : List.of();
    }
}
