package io.vigil.job.metrics;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;
import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.update.UpdateRequest;

/** Keeps what an alert emitter hands to the sink: updates only (an alert is never indexed or deleted). */
final class UpdateRequests implements RequestIndexer {
    final List<UpdateRequest> updates = new ArrayList<>();

    @Override
    public void add(DeleteRequest... requests) {
        throw new AssertionError("no deletes");
    }

    @Override
    public void add(IndexRequest... requests) {
        throw new AssertionError("no index requests");
    }

    @Override
    public void add(UpdateRequest... requests) {
        updates.addAll(List.of(requests));
    }
}
