package io.vigil.job.metrics;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vigil.common.Indices;
import io.vigil.common.JsonDocuments;
import io.vigil.common.RollupFields;
import io.vigil.common.Severity;
import java.io.IOException;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.common.xcontent.XContentType;

/** Writes a rollup under its host/interval/window id: a late correction replaces the document. */
public class RollupDocumentEmitter implements ElasticsearchEmitter<MetricRollup> {
    private final Indices indices;

    public RollupDocumentEmitter(String indexPrefix) {
        this.indices = new Indices(indexPrefix);
    }

    @Override
    public void emit(MetricRollup rollup, SinkWriter.Context context, RequestIndexer indexer) {
        indexer.add(new IndexRequest(indices.metrics(rollup.interval))
                .id(rollup.documentId())
                .source(document(rollup), XContentType.JSON));
    }

    static byte[] document(MetricRollup r) {
        return JsonDocuments.object(512, g -> {
            JsonDocuments.writeTime(g, RollupFields.TIMESTAMP, r.windowStart);
            g.writeStringField(RollupFields.INTERVAL, r.interval);
            g.writeStringField(RollupFields.HOST, r.host);
            if (r.hostGroup != null) {
                g.writeStringField(RollupFields.HOST_GROUP, r.hostGroup);
            }
            g.writeNumberField(RollupFields.SAMPLES, r.samples);
            writeMetric(g, RollupFields.CPU, r.cpuSamples, r.cpuSum, r.cpuMin, r.cpuMax, r.cpuP95);
            writeMetric(g, RollupFields.MEMORY, r.memorySamples, r.memorySum, r.memoryMin, r.memoryMax, r.memoryP95);
            if (r.netInSamples > 0) {
                g.writeNumberField(RollupFields.NET_IN.sum(), r.netInSum);
                g.writeNumberField(RollupFields.NET_IN.avg(), r.netInAvg());
                g.writeNumberField(RollupFields.NET_IN.max(), r.netInMax);
            }
            if (r.netOutSamples > 0) {
                g.writeNumberField(RollupFields.NET_OUT.sum(), r.netOutSum);
                g.writeNumberField(RollupFields.NET_OUT.avg(), r.netOutAvg());
                g.writeNumberField(RollupFields.NET_OUT.max(), r.netOutMax);
            }
            g.writeObjectFieldStart(RollupFields.EVENTS_BY_SEVERITY);
            for (Severity s : Severity.values()) {
                g.writeNumberField(s.name(), r.eventsBySeverity[s.ordinal()]);
            }
            g.writeEndObject();
            g.writeObjectFieldStart(RollupFields.EVENTS_BY_KIND);
            g.writeNumberField("metric", r.metricEvents);
            g.writeNumberField("event", r.otherEvents);
            g.writeEndObject();
            if (r.anomalyScore != null) {
                g.writeNumberField(RollupFields.ANOMALY_SCORE, r.anomalyScore);
            }
        });
    }

    /**
     * cpu_sum etc. are sums over the samples that carried the metric; the query service weighs
     * by {@code samples}, so a host that sent metric samples without that metric skews nothing
     * only while all samples carry it — which the demo and the contract's schema do.
     */
    private static void writeMetric(
            JsonGenerator g, RollupFields.Stats fields, long n, double sum, double min, double max, double p95)
            throws IOException {
        if (n == 0) {
            return;
        }
        g.writeNumberField(fields.sum(), sum);
        g.writeNumberField(fields.avg(), sum / n);
        g.writeNumberField(fields.min(), min);
        g.writeNumberField(fields.max(), max);
        g.writeNumberField(fields.p95(), p95);
    }
}
