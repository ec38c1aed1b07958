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
        install(esHosts, prefix, IndexTemplates.DEFAULT_LOGS_REFRESH);
    }

    public static void install(List<String> esHosts, String prefix, String logsRefresh)
            throws IOException, InterruptedException {
        install(esHosts, prefix, logsRefresh, null);
    }

    /** @param authorization an {@code Authorization} header value for a secured cluster, or null */
    public static void install(List<String> esHosts, String prefix, String logsRefresh, String authorization)
            throws IOException, InterruptedException {
        ElasticsearchRest.onFirstThatTakes(
                esHosts, authorization, Duration.ofSeconds(30), "could not install index templates on any of", es -> {
                    for (Map.Entry<String, String> template :
                            IndexTemplates.forPrefix(prefix, logsRefresh).entrySet()) {
                        es.put("/_index_template/" + template.getKey(), template.getValue());
                    }
                });
    }
}
