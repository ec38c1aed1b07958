package io.vigil.job;

import io.vigil.common.ElasticsearchRest;
import io.vigil.common.IndexTemplates;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Installs the index templates before the job's first write, so Elasticsearch never guesses a
 * mapping. PUT is idempotent: every submission re-installs them, which is how template changes
 * reach an existing cluster (they apply to indices created afterwards, i.e. the next day's).
 */
public final class IndexTemplateInstaller {
    private IndexTemplateInstaller() {}

    public static void install(List<String> esHosts, String prefix) throws IOException, InterruptedException {
        install(esHosts, prefix, IndexTemplates.LogIndices.DEFAULT);
    }

    public static void install(List<String> esHosts, String prefix, IndexTemplates.LogIndices logs)
            throws IOException, InterruptedException {
        install(esHosts, prefix, logs, null);
    }

    /** @param authorization an {@code Authorization} header value for a secured cluster, or null */
    public static void install(
            List<String> esHosts, String prefix, IndexTemplates.LogIndices logs, String authorization)
            throws IOException, InterruptedException {
        ElasticsearchRest.onFirstThatTakes(
                esHosts, authorization, Duration.ofSeconds(30), "could not install index templates on any of", es -> {
                    for (Map.Entry<String, String> template :
                            IndexTemplates.forPrefix(prefix, logs).entrySet()) {
                        es.put("/_index_template/" + template.getKey(), template.getValue());
                    }
                });
    }
}
