package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.common.DocumentIds;
import io.vigil.embedded.ElasticsearchHttp;
import io.vigil.embedded.VigilServicesExtension;
import io.vigil.embedded.VigilServicesExtension.Services;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.http.HttpHost;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.common.unit.TimeValue;
import org.elasticsearch.common.xcontent.XContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the job's Elasticsearch sinks do with answers about single documents, against the real
 * embedded Elasticsearch (issue 16): the connector's own handling failed the job on any of them.
 */
@ExtendWith(VigilServicesExtension.class)
class ElasticsearchBulkITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "bulk";
    private static final String DLQ = PREFIX + "-dlq";

    private ElasticsearchHttp es;
    private RestHighLevelClient client;
    private final SimpleCounter refused = new SimpleCounter();
    private final SimpleCounter retried = new SimpleCounter();
    private ElasticsearchBulk.Sender sender;

    @BeforeEach
    void connect() throws Exception {
        Services services = Services.get();
        es = new ElasticsearchHttp(services.elasticsearch.url());
        IndexTemplateInstaller.install(List.of(services.elasticsearch.url()), PREFIX);
        client = new RestHighLevelClient(RestClient.builder(HttpHost.create(services.elasticsearch.url())));
        sender = new ElasticsearchBulk.Sender(new NdjsonBulk(client), DLQ, refused, retried);
    }

    @AfterEach
    void close() throws Exception {
        client.close();
    }

    /** A log document's id as the job gives it. */
    private static String logId(long offset) {
        return DocumentIds.of("threats", 0, offset);
    }

    private static IndexRequest log(String index, String id, String json) {
        return new IndexRequest(index).id(id).source(json, XContentType.JSON);
    }

    @Test
    void documentsElasticsearchRefusesBecomeDeadLettersWithItsReasonAndTheOthersAreStored() throws Exception {
        String index = PREFIX + "-logs-2026.11.26";
        // over Lucene's 32766-byte term limit, in a keyword without ignore_above (the alerts' rule_id)
        String immense = "x".repeat(40_000);
        BulkRequest bulk = new BulkRequest()
                .add(log(index, logId(1), "{\"host\":\"web-01\",\"message\":\"fine\"}"))
                .add(log(index, logId(2), "{\"host\":\"web-01\",\"source\":\"not an object\"}"))
                .add(log(PREFIX + "-alerts", "alert-3", "{\"rule_id\":\"" + immense + "\"}"))
                .add(log(index, "x".repeat(600), "{\"host\":\"web-01\"}"))
                .add(log(index, logId(5), "{\"host\":\"web-02\",\"message\":\"also fine\"}"));

        BulkResponse response = sender.send(bulk);

        assertThat(response.hasFailures())
                .as("the writer must see nothing to fail the job on")
                .isFalse();
        assertThat(response.getItems()).hasSize(5);
        assertThat(es.count(index)).isEqualTo(2);
        assertThat(es.count(DLQ)).isEqualTo(3);
        assertThat(refused.getCount()).isEqualTo(3);

        JsonNode mapping = letter(logId(2));
        assertThat(mapping.get("stage").asText()).isEqualTo("index");
        assertThat(mapping.get("reason").asText())
                .startsWith("Elasticsearch refused it (400): ")
                .contains("mapper_parsing_exception");
        assertThat(mapping.get("topic").asText()).isEqualTo("threats");
        assertThat(mapping.get("partition").asInt()).isZero();
        assertThat(mapping.get("offset").asLong()).isEqualTo(2);
        assertThat(mapping.get("raw").asText()).isEqualTo("{\"host\":\"web-01\",\"source\":\"not an object\"}");
        assertThat(mapping.get("raw_encoding").asText()).isEqualTo("document");

        JsonNode term = letter("alert-3");
        assertThat(term.get("reason").asText()).contains("immense term");
        assertThat(term.has("topic")).as("not a record: no Kafka position").isFalse();
        assertThat(term.get("raw").asText()).isEqualTo("{\"rule_id\":\"" + immense + "\"}");
        assertThat(term.get("raw_encoding").asText()).isEqualTo("document");

        // an id Elasticsearch refuses would have failed the whole bulk on the client
        JsonNode invalid = letter(ElasticsearchBulk.safeId("x".repeat(600)));
        assertThat(invalid.get("reason").asText())
                .startsWith("the request is invalid: id [")
                .contains("too long");
        assertThat(invalid.has("topic")).isFalse();
    }

    @Test
    void aShardThatIsNotThereIsWaitedForAndItsDocumentsStored() throws Exception {
        // A primary that cannot be allocated answers 503 (unavailable_shards_exception) per item.
        String index = PREFIX + "-logs-2026.11.27";
        assertThat(es.put(
                                "/" + index + "?wait_for_active_shards=0",
                                "{\"settings\":{\"number_of_replicas\":0,"
                                        + "\"index.routing.allocation.require._name\":\"no-such-node\"}}")
                        .statusCode())
                .isEqualTo(200);
        BulkRequest bulk = new BulkRequest()
                .timeout(TimeValue.timeValueMillis(300))
                .add(log(index, "threats-0-10", "{\"host\":\"web-01\",\"message\":\"waits\"}"));

        CompletableFuture<BulkResponse> sent = CompletableFuture.supplyAsync(() -> {
            try {
                return sender.send(bulk);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        TimeUnit.SECONDS.sleep(2);
        assertThat(sent).as("still retrying while the shard is missing").isNotDone();
        assertThat(es.put("/" + index + "/_settings", "{\"index.routing.allocation.require._name\":null}")
                        .statusCode())
                .isEqualTo(200);

        BulkResponse response = sent.get(60, TimeUnit.SECONDS);
        assertThat(response.hasFailures()).isFalse();
        assertThat(es.count(index)).isEqualTo(1);
        assertThat(retried.getCount()).isPositive();
        assertThat(es.count(DLQ, "_id:threats-0-10")).isZero();
    }

    @Test
    void aBulkRejectedWhole429IsRetriedUntilElasticsearchTakesIt() throws Exception {
        // The parent circuit breaker at 1% of the heap: every bulk is answered 429 until it is reset.
        // Cluster settings updates do not trip breakers, so the reset always goes through.
        String index = PREFIX + "-logs-2026.11.28";
        assertThat(es.put("/" + index, "{}").statusCode()).isEqualTo(200); // created before the breaker trips
        try {
            assertThat(es.put("/_cluster/settings", "{\"transient\":{\"indices.breaker.total.limit\":\"1%\"}}")
                            .statusCode())
                    .isEqualTo(200);
            CompletableFuture<BulkResponse> sent = CompletableFuture.supplyAsync(() -> {
                try {
                    return sender.send(new BulkRequest().add(log(index, "threats-0-20", "{\"host\":\"web-01\"}")));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (retried.getCount() < 3 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            assertThat(retried.getCount()).as("bulks answered 429 and retried").isGreaterThanOrEqualTo(3);
            assertThat(sent)
                    .as("still retrying while Elasticsearch answers 429")
                    .isNotDone();
            // The answer is filtered to what the sender reads; a bulk refused whole must keep its reason.
            assertThatThrownBy(() -> new NdjsonBulk(client)
                            .send(new BulkRequest().add(log(index, "threats-0-21", "{\"host\":\"web-01\"}"))))
                    .isInstanceOf(ElasticsearchStatusException.class)
                    .hasMessageContaining("circuit_breaking_exception");
            es.put("/_cluster/settings", "{\"transient\":{\"indices.breaker.total.limit\":null}}");
            assertThat(sent.get(60, TimeUnit.SECONDS).hasFailures()).isFalse();
        } finally {
            es.put("/_cluster/settings", "{\"transient\":{\"indices.breaker.total.limit\":null}}");
        }
        assertThat(es.count(index)).isEqualTo(1);
        assertThat(es.count(DLQ, "_id:threats-0-20")).isZero();
    }

    @Test
    void documentsSentAsTheirOwnJsonAreAnsweredAsTheClientAnswersThem() throws Exception {
        // NdjsonBulk skips the client's re-serialization; its answers must mean the same, item for item.
        BulkResponse ours = new NdjsonBulk(client).send(mixedBulk(PREFIX + "-logs-2026.11.29"));
        BulkResponse clients = client.bulk(mixedBulk(PREFIX + "-logs-2026.11.30"), RequestOptions.DEFAULT);

        assertThat(ours.getItems()).hasSameSizeAs(clients.getItems()).hasSize(6);
        for (int i = 0; i < ours.getItems().length; i++) {
            var a = ours.getItems()[i];
            var b = clients.getItems()[i];
            assertThat(a.getOpType()).as("item " + i).isEqualTo(b.getOpType());
            assertThat(a.getId()).as("item " + i).isEqualTo(b.getId());
            assertThat(a.status()).as("item " + i).isEqualTo(b.status());
            assertThat(a.isFailed()).as("item " + i).isEqualTo(b.isFailed());
            if (a.isFailed()) {
                assertThat(a.getFailureMessage())
                        .isEqualTo(b.getFailureMessage().replace("2026.11.30", "2026.11.29"));
            }
        }
        assertThat(ours.getItems()[1].isFailed()).as("the mapping conflict").isTrue();
        assertThat(es.count(PREFIX + "-logs-2026.11.29")).isEqualTo(2);
        JsonNode stored = JSON.readTree(
                es.get("/" + PREFIX + "-logs-2026.11.29/_doc/threats-0-31").body());
        assertThat(stored.get("_source").get("message").asText()).isEqualTo("line\nbreak \"quoted\" \u00e9t\u00e9");
        assertThat(NdjsonBulk.body(new BulkRequest()
                        .add(log("x", "1", "{}"))
                        .add(new org.elasticsearch.action.update.UpdateRequest("x", "2").doc("{}", XContentType.JSON))))
                .as("a bulk with an update needs the client's conversion")
                .isNull();
        assertThat(NdjsonBulk.body(new BulkRequest().add(log("x", "1", "{\"a\":\n1}"))))
                .as("a raw newline would end the document's NDJSON line")
                .isNull();
    }

    /** Index, a refused document, a source with escapes, deletes of a stored and a missing id, the deleted id again. */
    private static BulkRequest mixedBulk(String index) {
        return new BulkRequest()
                .add(log(index, "threats-0-30", "{\"host\":\"web-01\",\"message\":\"fine\"}"))
                .add(log(index, "threats-0-32", "{\"host\":\"web-01\",\"source\":\"not an object\"}"))
                .add(log(
                        index,
                        "threats-0-31",
                        "{\"host\":\"web-01\",\"message\":\"line\\nbreak \\\"quoted\\\" \u00e9t\u00e9\"}"))
                .add(new org.elasticsearch.action.delete.DeleteRequest(index, "threats-0-30"))
                .add(new org.elasticsearch.action.delete.DeleteRequest(index, "threats-0-99"))
                .add(log(index, "threats-0-30", "{\"host\":\"web-02\",\"message\":\"again\"}"));
    }

    private JsonNode letter(String id) throws Exception {
        es.post("/" + DLQ + "/_refresh", "");
        JsonNode doc = JSON.readTree(es.get("/" + DLQ + "/_doc/" + id).body());
        assertThat(doc.path("found").asBoolean()).as("dead letter " + id).isTrue();
        return doc.get("_source");
    }
}
