package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.Fields;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link RecordParser#isEcsPrefix} answers from a set built once; it must say exactly what its
 * definition says: some security field's name starts with the path and a dot.
 */
class EcsPrefixProperties {
    @Property(tries = 20_000)
    void theSetSaysWhatTheDefinitionSays(@ForAll("paths") String path) {
        boolean defined = Fields.ECS.stream().anyMatch(ecs -> ecs.startsWith(path + "."));
        assertThat(RecordParser.isEcsPrefix(path)).as(path).isEqualTo(defined);
    }

    /** Every real path and field, their pieces cut and grown, and arbitrary text. */
    @Provide
    Arbitrary<String> paths() {
        List<String> near = new ArrayList<>();
        for (String ecs : Fields.ECS) {
            near.add(ecs);
            for (int i = 0; i <= ecs.length(); i++) {
                near.add(ecs.substring(0, i));
            }
            near.add(ecs + ".x");
            near.add("x" + ecs);
        }
        return Arbitraries.oneOf(
                Arbitraries.of(near),
                Arbitraries.strings().withChars("abcdeinoprstu._").ofMaxLength(20));
    }
}
