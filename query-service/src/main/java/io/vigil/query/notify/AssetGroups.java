package io.vigil.query.notify;

import io.vigil.common.AssetsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host → host group from the asset inventory (rules/assets.yml, read by common's
 * {@link AssetsFile} exactly as the job reads it: the first entry whose {@code hosts} globs match
 * decides, even one without a group), for routing alerts whose detector did not put
 * {@code context.host_group} on them (rule alerts do not). Re-read when the file changes, as the
 * job does.
 *
 * <p>An invalid file does not stop the query service, nor its notifications: it is logged once
 * per edit at ERROR with every mistake ({@code file:line: message}), and routing keeps the last
 * good inventory (none, if the file was never valid since the start). The job does the same with
 * its enrichment, so both go on with the same last good file. A file that disappears is an empty
 * inventory, as in the job.
 */
final class AssetGroups {
    private static final Logger LOG = LoggerFactory.getLogger(AssetGroups.class);
    static final AssetGroups NONE = new AssetGroups(null);

    private final Path file;
    private volatile AssetsFile assets = AssetsFile.EMPTY;
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
        AssetsFile.Asset asset = assets.assetOf(alert.host());
        return asset == null ? null : asset.group();
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
            version = FileTime.fromMillis(0); // absent: read as empty, once
        }
        if (version.equals(readVersion)) {
            return;
        }
        readVersion = version; // a broken edit is reported once, not at every poll
        try {
            assets = AssetsFile.read(file);
        } catch (IOException | RuntimeException e) { // a reader's bug must not stop the intake loop either
            LOG.error(
                    "Asset inventory refused for notification routing, keeping the last good one ({} entries):\n{}",
                    assets.size(),
                    e instanceof IOException ? e.getMessage() : e.toString());
        }
    }
}
