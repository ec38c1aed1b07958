package io.vigil.detection.testing;

import io.vigil.common.LogEvent;
import io.vigil.common.Threat;
import io.vigil.detection.alert.Alert;
import java.util.ArrayList;
import java.util.List;

/** What a test run collects from the job: an alert emission, or an event tagged with threats. A Flink POJO. */
public class RunOutput {
    public Alert alert;
    public String eventId;
    public List<String> threatRuleIds = new ArrayList<>();

    public RunOutput() {}

    static RunOutput of(Alert alert) {
        RunOutput out = new RunOutput();
        out.alert = alert;
        return out;
    }

    static RunOutput of(LogEvent event) {
        RunOutput out = new RunOutput();
        out.eventId = event.id;
        for (Threat threat : event.threats) {
            out.threatRuleIds.add(threat.ruleId);
        }
        return out;
    }
}
