package io.vigil.query.notify;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The configured channels (file first, then the environment's generic webhook), the asset
 * inventory used to route by host group, and the redactor that knows every secret among them.
 *
 * @param file the channels file that was looked for (it may not exist)
 */
record Channels(List<Channel> list, AssetGroups assets, Redactor redactor, Path file) {

    boolean isEmpty() {
        return list.isEmpty();
    }

    Optional<Channel> named(String name) {
        return list.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
