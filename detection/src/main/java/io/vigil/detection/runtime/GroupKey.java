package io.vigil.detection.runtime;

import io.vigil.common.LogEvent;
import java.util.List;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * The key of a rule's state: the values of its {@code group_by} fields, written
 * {@code field=value}, space separated ({@code source.ip=203.0.113.7}); it is also the alert's
 * {@code group_key}. Events lacking one of the fields are not evaluated by the rule (a filter in
 * front of every keyed operator checks {@link #present}).
 */
public final class GroupKey implements KeySelector<LogEvent, String> {
    private static final long serialVersionUID = 1L;
    private final String[] fields;

    public GroupKey(List<String> fields) {
        this.fields = fields.toArray(new String[0]);
    }

    public boolean present(LogEvent event) {
        for (String field : fields) {
            Object value = event.field(field);
            if (value == null || value instanceof String && ((String) value).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String getKey(LogEvent event) {
        StringBuilder key = new StringBuilder();
        for (String field : fields) {
            if (key.length() > 0) {
                key.append(' ');
            }
            Object value = event.field(field);
            key.append(field).append('=');
            if (value instanceof List) {
                key.append(String.join(
                        ",", ((List<?>) value).stream().map(String::valueOf).toList()));
            } else {
                key.append(value);
            }
        }
        return key.toString();
    }
}
