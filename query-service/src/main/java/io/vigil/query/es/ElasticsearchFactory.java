package io.vigil.query.es;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import io.vigil.query.VigilConfig;
import jakarta.inject.Singleton;
import java.util.List;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * The low-level Elasticsearch client over {@code VIGIL_ES_URL} (one or more comma-separated URLs),
 * with the credentials and CA of {@link ElasticsearchAccess} when set.
 */
@Factory
class ElasticsearchFactory {
    static final int CONNECT_TIMEOUT_MS = 2_000;
    static final int SOCKET_TIMEOUT_MS = 30_000;

    @Singleton
    @Bean(preDestroy = "close")
    RestClient restClient(VigilConfig config, ElasticsearchAccess access) {
        List<String> urls = config.esUrls();
        if (urls.isEmpty()) {
            throw new ConfigurationException("VIGIL_ES_URL names no Elasticsearch URL");
        }
        HttpHost[] hosts = urls.stream().map(ElasticsearchFactory::host).toArray(HttpHost[]::new);
        return access.apply(RestClient.builder(hosts)
                        .setRequestConfigCallback(request ->
                                request.setConnectTimeout(CONNECT_TIMEOUT_MS).setSocketTimeout(SOCKET_TIMEOUT_MS)))
                .build();
    }

    static HttpHost host(String url) {
        HttpHost host;
        try {
            host = HttpHost.create(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("VIGIL_ES_URL: not a URL: " + url);
        }
        if (!"http".equals(host.getSchemeName()) && !"https".equals(host.getSchemeName())) {
            throw new ConfigurationException("VIGIL_ES_URL: only http and https URLs: " + url);
        }
        return host;
    }
}
