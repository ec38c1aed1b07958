package io.vigil.detection.testing;

import io.vigil.common.LogEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The test cases of one rule, from its {@code NAME.tests.yml} (see rules/README.md).
 *
 * @param ruleId   the rule under test as the file names it ({@code rule:}), or null
 * @param ruleFile the rule file beside the test file: the rule under test when none is named
 */
public record RuleTestFile(String file, String ruleId, String ruleFile, List<Case> cases) {

    /**
     * One case: events in (in arrival order, times as written), alerts expected out.
     *
     * @param tagged event ids that must carry the rule in {@code threats[]} (match rules), or
     *               null when the case does not check tagging
     */
    public record Case(
            String name,
            int line,
            Instant start,
            List<LogEvent> events,
            List<Expected> expected,
            List<String> tagged) {}

    /**
     * One expected alert: the properties given must all match one actual alert; properties
     * not given are not checked. Times are absolute instants.
     */
    public record Expected(int line, String ruleId, Map<String, Object> properties) {}
}
