package io.vigil.job.enrich;

import io.vigil.common.Cidr;
import io.vigil.common.LogEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Threat-intelligence lists under {@code intel/TYPE/LIST.txt} in the rules directory, one
 * indicator per line ({@code #} starts a comment). TYPE is {@code ip} (addresses and CIDRs,
 * matched against source.ip and destination.ip), {@code process} (process.name, any case),
 * {@code hash} (file.hash.sha256) or {@code domain} (url.domain and its subdomains). A match sets
 * threat.indicator.type, .value and .list on the event.
 */
public final class IntelLists {
    public static final List<String> TYPES = List.of("ip", "process", "hash", "domain");

    private final Map<String, String> exact = new HashMap<>(); // "type:value" → list
    private final List<Map.Entry<Cidr, String>> networks = new ArrayList<>();
    private int indicators;

    public static IntelLists empty() {
        return new IntelLists();
    }

    public static IntelLists load(Path dir) throws IOException {
        IntelLists lists = new IntelLists();
        for (String type : TYPES) {
            Path typeDir = dir.resolve(type);
            if (!Files.isDirectory(typeDir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(typeDir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".txt"))
                        .sorted()
                        .toList()) {
                    lists.read(type, file);
                }
            }
        }
        return lists;
    }

    private void read(String type, Path file) throws IOException {
        String list = file.getFileName().toString().replaceFirst("\\.txt$", "");
        int lineNumber = 0;
        for (String raw : Files.readAllLines(file)) {
            lineNumber++;
            int hash = raw.indexOf('#');
            String value = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
            if (value.isEmpty()) {
                continue;
            }
            if (type.equals("ip") && value.contains("/")) {
                try {
                    networks.add(Map.entry(Cidr.parse(value), list));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ":" + lineNumber + ": " + e.getMessage());
                }
            } else {
                if (type.equals("ip") && Cidr.literal(value) == null) {
                    throw new IOException(file + ":" + lineNumber + ": not an IP address or CIDR: " + value);
                }
                exact.put(type + ":" + normalize(type, value), list);
            }
            indicators++;
        }
    }

    private static String normalize(String type, String value) {
        return type.equals("ip") ? value : value.toLowerCase(Locale.ROOT);
    }

    public int size() {
        return indicators;
    }

    /** Marks the event when one of its indicators is listed; the first match is recorded. */
    public void enrich(LogEvent event) {
        if (indicators == 0) {
            return;
        }
        if (matchIp(event, "source.ip") || matchIp(event, "destination.ip")) {
            return;
        }
        if (matchExact(event, "process", "process.name") || matchExact(event, "hash", "file.hash.sha256")) {
            return;
        }
        Object domain = event.fields.get("url.domain");
        if (domain != null) {
            String d = domain.toString().toLowerCase(Locale.ROOT);
            while (!d.isEmpty()) {
                String list = exact.get("domain:" + d);
                if (list != null) {
                    mark(event, "domain", domain.toString(), list);
                    return;
                }
                int dot = d.indexOf('.');
                d = dot < 0 ? "" : d.substring(dot + 1);
            }
        }
    }

    private boolean matchIp(LogEvent event, String field) {
        Object value = event.fields.get(field);
        if (value == null) {
            return false;
        }
        String ip = value.toString();
        String list = exact.get("ip:" + ip);
        if (list == null) {
            for (Map.Entry<Cidr, String> network : networks) {
                if (network.getKey().contains(ip)) {
                    list = network.getValue();
                    break;
                }
            }
        }
        if (list != null) {
            mark(event, "ip", ip, list);
            return true;
        }
        return false;
    }

    private boolean matchExact(LogEvent event, String type, String field) {
        Object value = event.fields.get(field);
        String list = value == null ? null : exact.get(type + ":" + normalize(type, value.toString()));
        if (list != null) {
            mark(event, type, value.toString(), list);
            return true;
        }
        return false;
    }

    private static void mark(LogEvent event, String type, String value, String list) {
        event.fields.put("threat.indicator.type", type);
        event.fields.put("threat.indicator.value", value);
        event.fields.put("threat.indicator.list", list);
    }
}
