package io.vigil.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule catalog's field names in code and the rules template's mapping are the same list. */
class RuleFieldsTest {
    @Test
    void theRulesTemplateMapsExactlyTheRuleFields() throws Exception {
        List<String> mapped = new ArrayList<>();
        new ObjectMapper()
                .readTree(IndexTemplates.forPrefix("acme").get("acme-rules"))
                .at("/template/mappings/properties")
                .fieldNames()
                .forEachRemaining(mapped::add);
        List<String> constants = new ArrayList<>();
        for (Field f : RuleFields.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                constants.add((String) f.get(null));
            }
        }
        assertThat(mapped).containsExactlyInAnyOrderElementsOf(constants);
    }
}
