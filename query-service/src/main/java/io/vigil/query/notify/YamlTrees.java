package io.vigil.query.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vigil.common.YamlLoading;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The notifier's YAML files (channels, secrets) as Jackson trees, read with the settings of every
 * Vigil file. Jackson reads an alias as its anchor's name instead of expanding it, so of those
 * settings the size limit is the one that matters here.
 */
final class YamlTrees {
    private static final ObjectMapper READER = new ObjectMapper(
            YAMLFactory.builder().loaderOptions(YamlLoading.options()).build());

    private YamlTrees() {}

    static JsonNode read(Path file) throws IOException {
        return READER.readTree(file.toFile());
    }
}
