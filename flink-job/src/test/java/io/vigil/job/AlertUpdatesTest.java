package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detection.alert.Alert;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class AlertUpdatesTest {
    private static final long INTERVAL = 5_000;

    private static KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new AlertUpdates(INTERVAL), (Alert a) -> a.id, Types.STRING);
        harness.open();
        harness.setProcessingTime(1_000);
        return harness;
    }

    private static Alert alert(String id, long count, String severity) {
        Alert a = new Alert();
        a.id = id;
        a.count = count;
        a.severity = severity;
        return a;
    }

    private static List<String> out(KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> h) {
        List<String> seen = h.extractOutputValues().stream()
                .map(a -> a.id + "#" + a.count + (a.withdrawn ? " withdrawn" : ""))
                .toList();
        h.getOutput().clear();
        return seen;
    }

    @Test
    void theFirstEmissionGoesOutAtOnceAndOfTheNextOnlyTheNewestAfterTheInterval() throws Exception {
        try (var h = harness()) {
            h.processElement(new StreamRecord<>(alert("a", 1, "HIGH"), 10));
            assertThat(out(h)).containsExactly("a#1");

            h.setProcessingTime(2_000);
            h.processElement(new StreamRecord<>(alert("a", 2, "HIGH"), 11));
            h.processElement(new StreamRecord<>(alert("b", 1, "LOW"), 12));
            h.processElement(new StreamRecord<>(alert("a", 3, "HIGH"), 13));
            assertThat(out(h)).as("b is new; a waits").containsExactly("b#1");

            h.setProcessingTime(5_999);
            assertThat(out(h)).isEmpty();
            h.setProcessingTime(6_000);
            assertThat(out(h)).as("a's interval is over: its newest state").containsExactly("a#3");

            h.setProcessingTime(20_000);
            h.processElement(new StreamRecord<>(alert("a", 4, "HIGH"), 14));
            assertThat(out(h))
                    .as("nothing passed on within the interval: at once")
                    .containsExactly("a#4");
        }
    }

    @Test
    void escalationsAndWithdrawalsAreNotHeld() throws Exception {
        try (var h = harness()) {
            h.processElement(new StreamRecord<>(alert("a", 1, "MEDIUM"), 10));
            h.processElement(new StreamRecord<>(alert("a", 2, "MEDIUM"), 11));
            h.processElement(new StreamRecord<>(alert("a", 3, "CRITICAL"), 12));
            assertThat(out(h)).containsExactly("a#1", "a#3");

            h.processElement(new StreamRecord<>(alert("a", 4, "CRITICAL"), 13));
            Alert withdrawn = alert("a", 4, "CRITICAL");
            withdrawn.withdrawn = true;
            h.processElement(new StreamRecord<>(withdrawn, 14));
            assertThat(out(h))
                    .as("the held update is dropped, the withdrawal goes out")
                    .containsExactly("a#4 withdrawn");
            h.setProcessingTime(60_000);
            assertThat(out(h)).isEmpty();
        }
    }

    @Test
    void everythingHeldGoesOutBeforeACheckpointBarrierAndAtTheEndOfInput() throws Exception {
        try (var h = harness()) {
            h.processElement(new StreamRecord<>(alert("a", 1, "HIGH"), 10));
            h.processElement(new StreamRecord<>(alert("a", 2, "HIGH"), 11));
            h.processElement(new StreamRecord<>(alert("b", 1, "HIGH"), 12));
            h.processElement(new StreamRecord<>(alert("b", 2, "HIGH"), 13));
            assertThat(out(h)).containsExactly("a#1", "b#1");

            h.prepareSnapshotPreBarrier(1);
            assertThat(out(h)).containsExactly("a#2", "b#2");

            h.processElement(new StreamRecord<>(alert("a", 3, "HIGH"), 14));
            h.endInput();
            assertThat(out(h)).containsExactly("a#3");
            h.setProcessingTime(60_000);
            assertThat(out(h)).as("nothing twice").isEmpty();
        }
    }

    @Test
    void heldRecordsKeepTheirTimestamps() throws Exception {
        try (var h = harness()) {
            h.processElement(new StreamRecord<>(alert("a", 1, "HIGH"), 10));
            h.processElement(new StreamRecord<>(alert("a", 2, "HIGH"), 42));
            h.getOutput().clear();
            h.setProcessingTime(6_000);
            @SuppressWarnings("unchecked")
            StreamRecord<Alert> record = (StreamRecord<Alert>) h.getOutput().poll();
            assertThat(record.getValue().count).isEqualTo(2);
            assertThat(record.getTimestamp()).isEqualTo(42);
        }
    }
}
