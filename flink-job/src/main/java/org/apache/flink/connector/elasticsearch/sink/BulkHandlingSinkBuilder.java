package org.apache.flink.connector.elasticsearch.sink;

import java.io.Serializable;
import java.util.function.BiConsumer;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.bulk.BackoffPolicy;
import org.elasticsearch.action.bulk.BulkProcessor;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.common.unit.ByteSizeUnit;
import org.elasticsearch.common.unit.ByteSizeValue;
import org.elasticsearch.common.unit.TimeValue;

/**
 * The Elasticsearch 7 sink builder of flink-connector-elasticsearch 3.0.1, except that each bulk
 * goes through a {@link BulkHandler} of ours instead of straight to the client. In 3.0.1 any failed
 * item of a bulk fails the job (the writer throws on it) and the only hook between the writer and
 * the client is the package-private bulk processor factory: hence this class in the connector's
 * package (3.1's BulkResponseInspector can only inspect a response, neither retry items nor write
 * others). Everything else (flush on checkpoint, batching, the writer) stays the connector's.
 *
 * @param <IN> what the sink writes
 */
public class BulkHandlingSinkBuilder<IN> extends Elasticsearch7SinkBuilder<IN> {
    /** Sends one bulk request and answers its listener exactly once; made per sink writer. */
    @FunctionalInterface
    public interface BulkHandler extends Serializable {
        BiConsumer<BulkRequest, ActionListener<BulkResponse>> forClient(RestHighLevelClient client);
    }

    private final BulkHandler handler;

    public BulkHandlingSinkBuilder(BulkHandler handler) {
        this.handler = handler;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends IN> BulkHandlingSinkBuilder<T> setEmitter(ElasticsearchEmitter<? super T> emitter) {
        super.setEmitter(emitter);
        return (BulkHandlingSinkBuilder<T>) this;
    }

    @Override
    protected BulkProcessorBuilderFactory getBulkProcessorBuilderFactory() {
        return new HandledBulkProcessorBuilderFactory(handler);
    }

    /** As Elasticsearch7SinkBuilder's factory (flush actions, size, interval), with our handler as the consumer. */
    private static final class HandledBulkProcessorBuilderFactory implements BulkProcessorBuilderFactory {
        private static final long serialVersionUID = 1L;
        private final BulkHandler handler;

        HandledBulkProcessorBuilderFactory(BulkHandler handler) {
            this.handler = handler;
        }

        @Override
        public BulkProcessor.Builder apply(
                RestHighLevelClient client, BulkProcessorConfig config, BulkProcessor.Listener listener) {
            BulkProcessor.Builder builder = BulkProcessor.builder(handler.forClient(client), listener);
            if (config.getBulkFlushMaxActions() != -1) {
                builder.setBulkActions(config.getBulkFlushMaxActions());
            }
            if (config.getBulkFlushMaxMb() != -1) {
                builder.setBulkSize(new ByteSizeValue(config.getBulkFlushMaxMb(), ByteSizeUnit.MB));
            }
            if (config.getBulkFlushInterval() != -1) {
                builder.setFlushInterval(new TimeValue(config.getBulkFlushInterval()));
            }
            // Retries are the handler's (every retryable status, not only 429 as here).
            builder.setBackoffPolicy(BackoffPolicy.noBackoff());
            return builder;
        }
    }
}
