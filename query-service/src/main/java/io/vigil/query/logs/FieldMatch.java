package io.vigil.query.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.Fields;
import io.vigil.common.protect.ProtectedFields;
import io.vigil.query.params.BadParameterException;
import io.vigil.query.params.Params;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code field=name:value} of {@code GET /logs}: an exact value of one of the indexed security
 * fields ({@link Fields#ECS}). A value the job stored encrypted is found through its keyed hash,
 * so the search works without the clear value being indexed; documents written before the field
 * was protected are found by the value itself.
 *
 * @param hash the value's keyed hash, null when the service has no keys
 */
public record FieldMatch(String name, String value, String hash) {
    static final String PARAMETER = "field";

    /** @return null when {@code text} is null */
    public static FieldMatch parse(String text, Function<String, Optional<String>> hasher) {
        if (text == null) {
            return null;
        }
        String checked = Params.keyword(PARAMETER, text);
        int colon = checked.indexOf(':');
        if (colon <= 0 || colon == checked.length() - 1) {
            throw new BadParameterException(PARAMETER, "must be name:value, e.g. user.name:alice");
        }
        String name = checked.substring(0, colon);
        if (!Fields.ECS.contains(name)) {
            throw new BadParameterException(
                    PARAMETER, "unknown field '" + name + "' (one of " + new java.util.TreeSet<>(Fields.ECS) + ")");
        }
        String value = checked.substring(colon + 1);
        return new FieldMatch(name, value, hasher.apply(value).orElse(null));
    }

    ObjectNode clause(ObjectMapper mapper) {
        ObjectNode clause = mapper.createObjectNode();
        ObjectNode bool = clause.putObject("bool");
        ArrayNode should = bool.putArray("should");
        should.addObject().putObject("term").putObject(name).put("value", value);
        if (hash != null) {
            should.addObject()
                    .putObject("term")
                    .putObject(ProtectedFields.hashPath(name))
                    .put("value", hash);
        }
        bool.put("minimum_should_match", 1);
        return clause;
    }
}
