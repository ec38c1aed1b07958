package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.common.LogEvent;
import io.vigil.job.enrich.AssetInventory;
import io.vigil.job.enrich.IntelLists;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichmentTest {
    private static final Path RULES = Path.of("..", "rules");

    private static LogEvent event(String host, String field, String value) {
        LogEvent e = new LogEvent();
        e.host = host;
        if (field != null) {
            e.fields.put(field, value);
        }
        return e;
    }

    @Test
    void shippedInventoryTagsHostsFirstMatchWins() throws Exception {
        AssetInventory assets = AssetInventory.load(RULES.resolve("assets.yml"));
        LogEvent db = event("db-02", null, null);
        assets.enrich(db);
        assertThat(db.fields).containsEntry("asset.group", "data").containsEntry("asset.criticality", "critical");
        LogEvent stranger = event("laptop-9", null, null);
        assets.enrich(stranger);
        assertThat(stranger.fields).doesNotContainKey("asset.group");
    }

    @Test
    void shippedIntelListsMatchAddressesNetworksProcessesAndDomains() throws Exception {
        IntelLists intel = IntelLists.load(RULES.resolve("intel"));
        LogEvent ip = event("web-01", "source.ip", "192.0.2.7");
        intel.enrich(ip);
        assertThat(ip.fields)
                .containsEntry("threat.indicator.type", "ip")
                .containsEntry("threat.indicator.value", "192.0.2.7")
                .containsEntry("threat.indicator.list", "demo-blocklist");
        LogEvent dst = event("web-01", "destination.ip", "198.51.100.66");
        intel.enrich(dst);
        assertThat(dst.fields).containsEntry("threat.indicator.type", "ip");
        LogEvent miner = event("web-01", "process.name", "XMRig");
        intel.enrich(miner);
        assertThat(miner.fields).containsEntry("threat.indicator.list", "coinminers");
        LogEvent domain = event("web-01", "url.domain", "a.b.evil.example");
        intel.enrich(domain);
        assertThat(domain.fields).containsEntry("threat.indicator.type", "domain");
        LogEvent clean = event("web-01", "source.ip", "192.0.2.16");
        intel.enrich(clean);
        assertThat(clean.fields).doesNotContainKey("threat.indicator.type");
    }

    @Test
    void badListLinesAreReportedWithFileAndLine(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("ip"));
        Files.writeString(dir.resolve("ip/bad.txt"), "# header\n10.0.0.1\nnot-an-ip\n");
        assertThatThrownBy(() -> IntelLists.load(dir)).hasMessageContaining("bad.txt:3: not an IP address");
    }
}
