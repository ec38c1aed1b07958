package io.vigil.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @Test
    void readsTheShortAndTheSpelledOutUnits() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        // What the job's options and anomaly.yml accepted through Flink's parser.
        assertThat(Durations.parse("5min")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("10 minutes")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse(" 1 Day ")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("3 secs")).isEqualTo(Duration.ofSeconds(3));
        assertThat(Durations.parse("250 millis")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("1 hour")).isEqualTo(Duration.ofHours(1));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "10", "-5s", "1.5h", "10w", "10 mo", "s", "1234567890s", "99999999999999999999d", "5 m s"})
    void refusesWhatIsNotOne(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration (write a whole number and a unit");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> Durations.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsTheShortestFormItReadsBack() {
        for (String text : new String[] {"250ms", "1500ms", "90s", "10m", "90m", "2h", "36h", "1d", "0s"}) {
            assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
        }
        assertThat(Durations.format(Duration.ofSeconds(600))).isEqualTo("10m");
        assertThat(Durations.format(Duration.ofMinutes(1440))).isEqualTo("1d");
    }
}
