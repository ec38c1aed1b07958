package io.vigil.common;

import java.util.ArrayList;
import java.util.List;

/**
 * A single-event rule that an event matched, stored in the event's {@code threats[]}
 * (docs/schema.md). Set by the detection engine before the event is indexed. A Flink POJO.
 */
public class Threat {
    public String ruleId;
    public String title;
    public String severity;
    public List<String> tags = new ArrayList<>();

    public Threat() {}

    public Threat(String ruleId, String title, String severity, List<String> tags) {
        this.ruleId = ruleId;
        this.title = title;
        this.severity = severity;
        this.tags = new ArrayList<>(tags);
    }
}
