package io.vigil.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Document ids: deterministic, unique per record, and read back into where the record was read. */
class DocumentIdsTest {
    @Test
    void theSameRecordHasTheSameIdEveryTimeItIsRead() {
        assertThat(DocumentIds.of("threat-logs", 1, 99))
                .isEqualTo("threat-logs-1-99")
                .isEqualTo(DocumentIds.of("threat-logs", 1, 99));
    }

    @Test
    void recordsDifferByWhereTheyWereRead() {
        assertThat(DocumentIds.of("threat-logs", 0, 9))
                .isNotEqualTo(DocumentIds.of("threat-logs", 0, 10))
                .isNotEqualTo(DocumentIds.of("threat-logs", 1, 9))
                .isNotEqualTo(DocumentIds.of("system-metrics", 0, 9));
    }

    @Test
    void anIdSaysWhereItsRecordWasRead() {
        assertThat(DocumentIds.origin(DocumentIds.of("threat-logs-eu", 3, 42)))
                .contains(new DocumentIds.Origin("threat-logs-eu", 3, 42));
        assertThat(DocumentIds.origin("alert-x")).isEmpty();
        assertThat(DocumentIds.origin("t-1-" + "9".repeat(19)))
                .as("an offset beyond a long")
                .isEmpty();
        assertThat(DocumentIds.origin(null)).isEmpty();
    }
}
