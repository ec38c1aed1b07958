package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.common.DeadLetter;
import io.vigil.common.LogEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;
import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.update.UpdateRequest;
import org.junit.jupiter.api.Test;

/** A document that cannot be rendered is a dead letter in the sink's bulk, not a failed sink (issue 16). */
class GuardedEmitterTest {
    private final List<IndexRequest> sent = new ArrayList<>();
    private final RequestIndexer indexer = new RequestIndexer() {
        @Override
        public void add(DeleteRequest... requests) {}

        @Override
        public void add(IndexRequest... requests) {
            sent.addAll(List.of(requests));
        }

        @Override
        public void add(UpdateRequest... requests) {}
    };

    @Test
    void anEventTheWriterFailsOnBecomesADeadLetterOfStageRender() throws Exception {
        GuardedEmitter<LogEvent> emitter = new GuardedEmitter<>(
                new LogDocumentEmitter("acme"),
                (event, reason, now) -> DeadLetter.ofEvent(event, DeadLetter.Stage.RENDER, reason, now),
                "acme");
        emitter.open();
        LogEvent broken = new LogEvent();
        broken.id = "threats-0-7";
        broken.topic = "threats";
        broken.offset = 7;
        broken.timestamp = 1_795_687_200_000L;
        broken.message = "sshd said hello";
        broken.fields = null; // what no parser makes: the writer meets a defect
        emitter.emit(broken, null, indexer);

        assertThat(sent).singleElement().satisfies(request -> {
            assertThat(request.index()).isEqualTo("acme-dlq");
            assertThat(request.id()).isEqualTo("threats-0-7");
            JsonNode doc = new ObjectMapper().readTree(request.source().utf8ToString());
            assertThat(doc.get("stage").asText()).isEqualTo("render");
            assertThat(doc.get("reason").asText()).startsWith("unexpected NullPointerException");
            assertThat(doc.get("raw").asText()).isEqualTo("sshd said hello");
            assertThat(doc.get("raw_encoding").asText()).isEqualTo("message");
            assertThat(doc.get("topic").asText()).isEqualTo("threats");
            assertThat(doc.get("offset").asLong()).isEqualTo(7);
        });
    }
}
