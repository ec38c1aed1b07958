package io.vigil.detection.sigma;

import io.vigil.detection.rule.RuleSyntaxException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sigma's first, since deprecated, way to count: {@code condition: selection | count(field) by
 * group > N} with a {@code timeframe} beside it. Many published rules still use it, and it says
 * exactly what an {@code event_count} (or, with a field, {@code value_count}) correlation says,
 * so it compiles to the same count rule instead of being refused.
 */
record LegacyAggregation(String distinctField, String groupBy, String comparison, long bound) {
    private static final Pattern COUNT =
            Pattern.compile("count\\(\\s*([\\w.\\-]*)\\s*\\)\\s*(?:by\\s+([\\w.\\-]+)\\s*)?(>=|<=|==|=|>|<)\\s*(\\d+)");
    /** Sigma's comparison operators as correlation condition keys. */
    private static final Map<String, String> COMPARISONS =
            Map.of(">", "gt", ">=", "gte", "<", "lt", "<=", "lte", "==", "eq", "=", "eq");

    /** The part after the '|'. */
    static LegacyAggregation parse(String text, int line) throws RuleSyntaxException {
        Matcher m = COUNT.matcher(text.trim());
        if (!m.matches()) {
            throw new RuleSyntaxException(
                    line,
                    "aggregation '" + text.trim() + "' is not supported: only "
                            + "'count([field]) [by field] <op> N' is (min, max, avg, sum and near are not)");
        }
        String field = m.group(1).isEmpty() ? null : m.group(1);
        return new LegacyAggregation(field, m.group(2), COMPARISONS.get(m.group(3)), Long.parseLong(m.group(4)));
    }
}
