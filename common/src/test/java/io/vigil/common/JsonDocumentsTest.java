package io.vigil.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonDocumentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesOneObjectWithTheFieldsTheBodyWrites() throws Exception {
        byte[] doc = JsonDocuments.object(8, g -> {
            g.writeStringField("host", "web-01 \"quoted\" é");
            JsonDocuments.writeStrings(g, "tags", List.of("a", "b"));
            JsonDocuments.writeTime(g, "@timestamp", 1_700_000_000_123L);
            g.writeObjectField("context", Map.of("window", "5m"));
        });

        assertThat(JSON.readTree(doc))
                .isEqualTo(JSON.readTree("{\"host\":\"web-01 \\\"quoted\\\" é\",\"tags\":[\"a\",\"b\"],"
                        + "\"@timestamp\":\"2023-11-14T22:13:20.123Z\",\"context\":{\"window\":\"5m\"}}"));
        assertThat(new String(doc, StandardCharsets.UTF_8)).startsWith("{").endsWith("}");
    }

    @Test
    void timesAreWrittenAsInstantsPrint() throws Exception {
        byte[] doc = JsonDocuments.object(8, g -> JsonDocuments.writeTime(g, "t", 1_700_000_000_000L));

        assertThat(JSON.readTree(doc).get("t").asText()).isEqualTo("2023-11-14T22:13:20Z");
    }
}
