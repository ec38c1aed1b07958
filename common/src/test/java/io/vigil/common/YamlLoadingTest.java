package io.vigil.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

class YamlLoadingTest {
    /** A list holding {@code aliases} aliases of one anchored list. */
    private static String withAliases(int aliases) {
        return "a: &a [x]\nb: ["
                + IntStream.range(0, aliases).mapToObj(i -> "*a").collect(Collectors.joining(", ")) + "]\n";
    }

    @Test
    void plainObjectsAndNodesAllowTheSameNumberOfAliases() {
        YamlLoading.load(new StringReader(withAliases(YamlLoading.MAX_ALIASES)));
        YamlLoading.compose(new StringReader(withAliases(YamlLoading.MAX_ALIASES)));

        String over = withAliases(YamlLoading.MAX_ALIASES + 1);
        assertThatThrownBy(() -> YamlLoading.load(new StringReader(over)))
                .isInstanceOf(YAMLException.class)
                .hasMessageContaining("aliases");
        assertThatThrownBy(() -> YamlLoading.compose(new StringReader(over)))
                .isInstanceOf(YAMLException.class)
                .hasMessageContaining("aliases");
        assertThatThrownBy(() -> YamlLoading.composeAll(new StringReader("---\nx\n---\n" + over))
                        .forEach(node -> {}))
                .hasMessageContaining("aliases");
    }

    @Test
    void aKeyThatContainsItselfIsRefused() {
        assertThatThrownBy(() -> YamlLoading.load(new StringReader("? &k [*k]\n: v\n")))
                .isInstanceOf(YAMLException.class)
                .hasMessageContaining("Recursive key");
    }

    /** Rule files read composed nodes, the other files plain objects: a word must be the same boolean in both. */
    @Test
    void nodesReadEveryYamlBooleanAsPlainObjectsDo() {
        for (String word : List.of(
                "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "false", "False", "FALSE", "no", "No",
                "NO", "off", "Off", "OFF")) {
            ScalarNode node = (ScalarNode) YamlLoading.compose(new StringReader(word));
            assertThat(node.getTag()).as(word).isEqualTo(Tag.BOOL);
            assertThat(YamlLoading.isTrue(node)).as(word).isEqualTo(YamlLoading.load(new StringReader(word)));
        }
        assertThat(YamlLoading.load(new StringReader("[yes, on, off]"))).isEqualTo(List.of(true, true, false));
    }
}
