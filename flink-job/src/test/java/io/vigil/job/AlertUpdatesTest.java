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

    /** Sends the alerts in order as records, a millisecond apart from {@code timestamp} on. */
    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> h, long timestamp, Alert... alerts)
            throws Exception {
        for (Alert a : alerts) {
            h.processElement(new StreamRecord<>(a, timestamp++));
        }
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
            send(h, 10, alert("a", 1, "HIGH"));
            assertThat(out(h)).containsExactly("a#1");

            h.setProcessingTime(2_000);
            send(h, 11, alert("a", 2, "HIGH"), alert("b", 1, "LOW"), alert("a", 3, "HIGH"));
            assertThat(out(h)).as("b is new; a waits").containsExactly("b#1");

            h.setProcessingTime(5_999);
            assertThat(out(h)).isEmpty();
            h.setProcessingTime(6_000);
            assertThat(out(h)).as("a's interval is over: its newest state").containsExactly("a#3");

            h.setProcessingTime(20_000);
            send(h, 14, alert("a", 4, "HIGH"));
            assertThat(out(h))
                    .as("nothing passed on within the interval: at once")
                    .containsExactly("a#4");
        }
    }

    @Test
    void escalationsAndWithdrawalsAreNotHeld() throws Exception {
        try (var h = harness()) {
            send(h, 10, alert("a", 1, "MEDIUM"), alert("a", 2, "MEDIUM"), alert("a", 3, "CRITICAL"));
            assertThat(out(h)).containsExactly("a#1", "a#3");

            send(h, 13, alert("a", 4, "CRITICAL"));
            Alert withdrawn = alert("a", 4, "CRITICAL");
            withdrawn.withdrawn = true;
            send(h, 14, withdrawn);
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
            send(h, 10, alert("a", 1, "HIGH"), alert("a", 2, "HIGH"), alert("b", 1, "HIGH"), alert("b", 2, "HIGH"));
            assertThat(out(h)).containsExactly("a#1", "b#1");

            h.prepareSnapshotPreBarrier(1);
            assertThat(out(h)).containsExactly("a#2", "b#2");

            send(h, 14, alert("a", 3, "HIGH"));
            h.endInput();
            assertThat(out(h)).containsExactly("a#3");
            h.setProcessingTime(60_000);
            assertThat(out(h)).as("nothing twice").isEmpty();
        }
    }

    @Test
    void heldRecordsKeepTheirTimestamps() throws Exception {
        try (var h = harness()) {
            send(h, 10, alert("a", 1, "HIGH"));
            send(h, 42, alert("a", 2, "HIGH"));
            h.getOutput().clear();
            h.setProcessingTime(6_000);
            @SuppressWarnings("unchecked")
            StreamRecord<Alert> record = (StreamRecord<Alert>) h.getOutput().poll();
            assertThat(record.getValue().count).isEqualTo(2);
            assertThat(record.getTimestamp()).isEqualTo(42);
        }
    }
}
