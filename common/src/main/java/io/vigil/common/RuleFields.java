package io.vigil.common;

/**
 * Field names of the rule catalog's documents (template {@code rules.json}): the job writes one per
 * loaded rule when it starts ({@code RuleCatalog} in detection), the query service answers them as
 * {@code GET /rules}. {@code RuleFieldsTest} holds this list and the template's mapping to each other.
 */
public final class RuleFields {
    public static final String ID = "id";
    public static final String TITLE = "title";
    public static final String DESCRIPTION = "description";
    /** match, count, threshold or sequence. */
    public static final String KIND = "kind";

    public static final String SEVERITY = "severity";
    public static final String TAGS = "tags";
    public static final String ENABLED = "enabled";
    public static final String GROUP_BY = "group_by";
    /** The file the rule was read from. */
    public static final String SOURCE = "source";
    /** {@code live} or {@code shadow}. */
    public static final String MODE = "mode";
    /** The logsource as declared, only when the rule declares one. */
    public static final String LOGSOURCE = "logsource";
    /** Why the rule never runs, only when it is dormant. */
    public static final String DORMANT = "dormant";
    /** The rule set's version (SHA-256), when the job knows it. */
    public static final String RULE_SET = "rule_set";

    public static final String LOADED_AT = "loaded_at";

    private RuleFields() {}
}
