package io.vigil.job.protect;

import io.vigil.common.protect.FieldCipher;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.CountSpec;
import io.vigil.detection.rule.Rule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;

/**
 * The step between detection and the alert sinks: takes protected values out of each alert
 * ({@link AlertProtector}), with the same keys as {@link EncryptFields}. Stateless; configured
 * fields without keys fail the start instead of storing alerts in clear.
 */
public class ProtectAlerts extends RichMapFunction<Alert, Alert> {
    private static final long serialVersionUID = 1L;

    private final List<String> fields;
    private final Map<String, AlertProtector.RuleShape> rules;
    private final KeysSource keysSource;
    private transient AlertProtector protector;

    public ProtectAlerts(List<String> fields, List<Rule> rules, KeysSource keysSource) {
        this.fields = List.copyOf(fields);
        this.rules = shapes(rules);
        this.keysSource = keysSource;
    }

    /** What {@link AlertProtector} needs of each rule, by rule id. */
    static Map<String, AlertProtector.RuleShape> shapes(List<Rule> rules) {
        Map<String, AlertProtector.RuleShape> shapes = new LinkedHashMap<>();
        for (Rule rule : rules) {
            String distinct =
                    rule.spec() instanceof CountSpec count && count.countsDistinct() ? count.distinctField() : null;
            shapes.put(
                    rule.id(),
                    new AlertProtector.RuleShape(
                            List.copyOf(rule.groupBy()),
                            distinct,
                            rule.summary() == null
                                    ? null
                                    : List.copyOf(rule.summary().parts())));
        }
        return shapes;
    }

    @Override
    public void open(Configuration parameters) throws Exception {
        protector = new AlertProtector(fields, rules, new FieldCipher(keysSource.require(fields)));
    }

    @Override
    public Alert map(Alert alert) {
        protector.protect(alert);
        return alert;
    }
}
