package io.vigil.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Document ids: deterministic, unique per record, and growing with the records' Kafka time. */
class DocumentIdsTest {
    private static String id(String topic, int partition, long offset, long time) {
        return DocumentIds.of(topic, partition, offset, time);
    }

    @Test
    void theSameRecordHasTheSameIdEveryTimeItIsRead() {
        assertThat(id("threat-logs", 1, 99, 1_795_687_205_000L))
                .isEqualTo("1a2174c4888-threat-logs-1-99")
                .isEqualTo(id("threat-logs", 1, 99, 1_795_687_205_000L));
    }

    /**
     * Elasticsearch rejects an id beyond a segment's largest without searching the segment: ids of
     * later records must sort after earlier ones whatever their topic, partition and offset.
     */
    @Test
    void laterRecordsHaveLargerIdsAcrossTopicsPartitionsAndOffsets() {
        List<String> ids = new ArrayList<>();
        String[] topics = {"threat-logs", "system-metrics"};
        for (int n = 0; n < 1000; n++) {
            long time = 1_795_687_205_000L + n * 7L;
            ids.add(id(topics[n % 2], n % 3, 1_000_000 - n * 997L, time));
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void recordsOfOneMillisecondDifferOnlyByWhereTheyWereRead() {
        assertThat(id("threat-logs", 0, 9, 1000L))
                .isNotEqualTo(id("threat-logs", 0, 10, 1000L))
                .isNotEqualTo(id("threat-logs", 1, 9, 1000L))
                .isNotEqualTo(id("system-metrics", 0, 9, 1000L));
    }

    @Test
    void timesOutsideTheDigitsAreClampedNotWrapped() {
        assertThat(id("t", 0, 1, -1L)).isEqualTo("00000000000-t-0-1");
        assertThat(id("t", 0, 1, Long.MIN_VALUE)).isEqualTo("00000000000-t-0-1");
        assertThat(id("t", 0, 1, Long.MAX_VALUE)).isEqualTo("fffffffffff-t-0-1");
    }

    @Test
    void anIdSaysWhereItsRecordWasRead() {
        assertThat(DocumentIds.origin(id("threat-logs-eu", 3, 42, 1_795_687_205_000L)))
                .contains(new DocumentIds.Origin("threat-logs-eu", 3, 42));
        assertThat(DocumentIds.origin("threat-logs-0-42"))
                .as("a log stored before the time came first")
                .isEmpty();
        assertThat(DocumentIds.origin("web-01-1m-1795687200000"))
                .as("a rollup's")
                .isEmpty();
        assertThat(DocumentIds.origin(null)).isEmpty();
    }
}
