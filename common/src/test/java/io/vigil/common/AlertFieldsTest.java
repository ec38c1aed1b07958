package io.vigil.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.common.protect.ProtectedFields;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alert field names in code and the alert templates' mappings are the same list. */
class AlertFieldsTest {
    @Test
    void theAlertsTemplateMapsExactlyTheAlertFields() throws Exception {
        List<String> expected = constants(false);
        expected.add(ProtectedFields.OBJECT);
        assertThat(mapped("acme-alerts")).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theHistoryTemplateMapsExactlyTheHistoryFields() throws Exception {
        assertThat(mapped("acme-alert-history")).containsExactlyInAnyOrderElementsOf(constants(true));
    }

    private static List<String> mapped(String template) throws Exception {
        List<String> names = new ArrayList<>();
        new ObjectMapper()
                .readTree(IndexTemplates.forPrefix("acme").get(template))
                .at("/template/mappings/properties")
                .fieldNames()
                .forEachRemaining(names::add);
        return names;
    }

    private static List<String> constants(boolean history) throws IllegalAccessException {
        List<String> values = new ArrayList<>();
        for (Field f : AlertFields.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())
                    && f.getType() == String.class
                    && f.getName().startsWith("HISTORY_") == history) {
                values.add((String) f.get(null));
            }
        }
        return values;
    }
}
