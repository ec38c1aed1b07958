package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detection.alert.RuleCatalog;
import io.vigil.detection.parse.RuleFiles;
import io.vigil.detection.rule.Rule;
import io.vigil.embedded.ElasticsearchHttp;
import io.vigil.embedded.VigilServicesExtension;
import io.vigil.embedded.VigilServicesExtension.Services;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rule catalog against the real embedded Elasticsearch: the documents of rules that are gone
 * are deleted by a {@code _delete_by_query}, and a deletion Elasticsearch refuses is reported like
 * a refused bulk, naming the rule and the node's reason.
 */
@ExtendWith(VigilServicesExtension.class)
class RuleCatalogITCase {
    private static final String PREFIX = "catalog";
    private static final String INDEX = PREFIX + "-rules";

    @Test
    void aStaleRuleElasticsearchWillNotDeleteFailsThePublishNamingTheRuleAndTheReason() throws Exception {
        String url = Services.get().elasticsearch.url();
        ElasticsearchHttp es = new ElasticsearchHttp(url);
        IndexTemplateInstaller.install(List.of(url), PREFIX);
        List<Rule> rules = RuleFiles.loadForJob(Path.of("../rules"));
        RuleCatalog.publish(List.of(url), PREFIX, rules, null);
        assertThat(es.count(INDEX)).isEqualTo(rules.size());

        es.put("/" + INDEX + "/_settings", "{\"index.blocks.write\": true}");
        try {
            // every rule file removed: nothing to index, every document stale
            assertThatThrownBy(() -> RuleCatalog.publish(List.of(url), PREFIX, List.of(), null))
                    .isInstanceOf(IOException.class)
                    .hasMessage("could not publish the rule catalog to any of [" + url + "]")
                    .cause()
                    .hasMessageStartingWith("POST " + url + "/" + INDEX + "/_delete_by_query")
                    .hasMessageContaining(": HTTP 403 Elasticsearch reported ")
                    .hasMessageMatching("(?s).*; the first, '[^']+' in " + INDEX + " \\(HTTP 403\\): "
                            + "cluster_block_exception: index \\[" + INDEX + "\\] blocked by: .*");
        } finally {
            es.put("/" + INDEX + "/_settings", "{\"index.blocks.write\": null}");
        }
        assertThat(es.count(INDEX)).as("nothing was deleted").isEqualTo(rules.size());

        RuleCatalog.publish(List.of(url), PREFIX, rules.subList(1, rules.size()), null);
        assertThat(es.count(INDEX)).as("the rule that is gone").isEqualTo(rules.size() - 1);
    }
}
