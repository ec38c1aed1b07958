package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README.md's table of job options says what {@link JobOptions#DEFAULTS} says (issue 21: each
 * default had been written twice in JobOptions, and a third time in the README, by hand).
 */
class JobOptionsReadmeTest {
    /** {@code | `a` / `b` | `1` / `2` | meaning |}: one or more options per row. */
    private static final Pattern ROW = Pattern.compile("^\\| (`[^|]+`) \\| ([^|]+) \\|", Pattern.MULTILINE);

    @Test
    void theReadmeTableSaysTheDefaultsTheJobUses() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        String table = readme.substring(readme.indexOf("Job options (program arguments"));
        table = table.substring(0, table.indexOf("\n\n", table.indexOf("| option |")));
        Map<String, String> documented = new HashMap<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            String[] names = row.group(1).split(" / ");
            String[] defaults = row.group(2).trim().split(" / ");
            for (int i = 0; i < names.length; i++) {
                String value = names.length == defaults.length ? defaults[i] : defaults[0];
                documented.put(names[i].replace("`", ""), value.startsWith("none") ? null : value.replace("`", ""));
            }
        }

        Map<String, String> options = new HashMap<>();
        for (Field f : JobOptions.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String name = (String) f.get(null);
                options.put(name, JobOptions.DEFAULTS.get(name));
            }
        }
        assertThat(new TreeSet<>(documented.keySet()))
                .as("options in README.md")
                .isEqualTo(new TreeSet<>(options.keySet()));
        options.forEach(
                (name, value) -> assertThat(documented.get(name)).as(name).isEqualTo(value));
    }
}
