package io.vigil.job.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import java.util.Random;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ForestSerializerTest {
    private static ThresholdedRandomCutForest trained(int points) {
        ThresholdedRandomCutForest forest = ThresholdedRandomCutForest.builder()
                .dimensions(2)
                .shingleSize(1)
                .numberOfTrees(10)
                .sampleSize(64)
                .outputAfter(16)
                .randomSeed(7)
                .build();
        Random random = new Random(3);
        for (int i = 0; i < points; i++) {
            forest.process(new double[] {random.nextGaussian(), random.nextGaussian()}, i);
        }
        return forest;
    }

    @Test
    void aForestSurvivesTheRoundTripThroughBytes() throws Exception {
        ForestSerializer serializer = new ForestSerializer();
        ThresholdedRandomCutForest forest = trained(100);
        DataOutputSerializer out = new DataOutputSerializer(1024);
        serializer.serialize(new HostForest(forest, null), out);
        ThresholdedRandomCutForest back =
                serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())).model;

        assertThat(back).isNotSameAs(forest);
        assertThat(back.getForest().getTotalUpdates())
                .isEqualTo(forest.getForest().getTotalUpdates());
        // an outlier is an outlier to both
        double[] outlier = {40, -40};
        assertThat(back.getForest().getAnomalyScore(outlier)).isGreaterThan(1.5);
        assertThat(back.getForest().getAnomalyScore(outlier))
                .isCloseTo(forest.getForest().getAnomalyScore(outlier), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aCopyIsDeep() {
        ForestSerializer serializer = new ForestSerializer();
        HostForest forest = new HostForest(trained(50), null);
        HostForest copy = serializer.copy(forest);
        long before = copy.model.getForest().getTotalUpdates();
        forest.process(new double[] {0, 0}, 50);
        assertThat(copy.model.getForest().getTotalUpdates()).isEqualTo(before);
        assertThat(forest.model.getForest().getTotalUpdates()).isEqualTo(before + 1);
        assertThat(serializer.copy(null)).isNull();
    }

    @Test
    void aForestIsConvertedOncePerChangeAndAfterEveryChange() throws Exception {
        ForestSerializer serializer = new ForestSerializer();
        HostForest forest = new HostForest(trained(50), null);
        DataOutputSerializer first = new DataOutputSerializer(1024);
        serializer.serialize(forest, first);
        byte[] bytes = forest.bytes;
        serializer.serialize(forest, new DataOutputSerializer(1024));
        assertThat(forest.bytes).isSameAs(bytes); // unchanged: the same bytes again

        forest.process(new double[] {1, 1}, 50);
        assertThat(forest.bytes).isNull();
        DataOutputSerializer second = new DataOutputSerializer(1024);
        serializer.serialize(forest, second);
        HostForest back = serializer.deserialize(new DataInputDeserializer(second.getCopyOfBuffer()));
        assertThat(back.model.getForest().getTotalUpdates()).isEqualTo(51);
    }

    @Test
    void theSerializerHasASnapshotThatRestoresIt() {
        ForestSerializer serializer = new ForestSerializer();
        assertThat(serializer.snapshotConfiguration().restoreSerializer()).isEqualTo(serializer);
        assertThat(serializer.duplicate()).isEqualTo(serializer).isNotSameAs(serializer);
    }
}
