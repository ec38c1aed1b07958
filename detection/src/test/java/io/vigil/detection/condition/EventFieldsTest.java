package io.vigil.detection.condition;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.Fields;
import io.vigil.common.LogEvent;
import org.junit.jupiter.api.Test;

class EventFieldsTest {
    @Test
    void rulesMayNameEveryFixedFieldOfLogEventButTheTimestamp() {
        for (String name : LogEvent.FIXED_FIELDS) {
            assertThat(EventFields.isKnown(name)).as(name).isEqualTo(!name.equals(Fields.TIMESTAMP));
        }
        assertThat(EventFields.all()).doesNotContain(Fields.TIMESTAMP).contains("memory_usage.percentage", Fields.HOST);
        assertThat(EventFields.isKnown("user.name")).isTrue();
        assertThat(EventFields.isKnown("no.such.field")).isFalse();
    }
}
