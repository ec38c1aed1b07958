package io.vigil.job.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class PercentStatsTest {
    @Test
    void p95IsTheNearestRankToATenthOfAPercentAcrossMerges() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(500);
            double[] values = new double[n];
            PercentStats a = new PercentStats();
            PercentStats b = new PercentStats();
            for (int i = 0; i < n; i++) {
                values[i] = Math.round(random.nextDouble() * (round % 3 == 0 ? 5 : 100) * 10) / 10.0;
                (i % 3 == 0 ? a : b).add(values[i]);
            }
            a.merge(b);
            Arrays.sort(values);
            assertThat(a.p95()).isEqualTo(values[(int) Math.ceil(0.95 * n) - 1]);
            assertThat(a.samples).isEqualTo(n);
        }
    }

    @Test
    void aWindowOfOneSampleIsSmallInState() throws Exception {
        PercentStats one = new PercentStats();
        one.add(42.0);
        var serializer = TypeInformation.of(PercentStats.class).createSerializer(new ExecutionConfig());
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(one, out);
        // the dense histogram took 1001 ints (4 KB) per metric and window
        assertThat(out.length()).isLessThan(100);
    }

    @Test
    void aDenseHistogramFromAnOlderCheckpointIsFoldedIn() {
        PercentStats restored = new PercentStats();
        restored.samples = 3;
        restored.histogram = new int[PercentStats.BUCKETS];
        restored.histogram[100] = 2; // 10.0 %
        restored.histogram[900] = 1; // 90.0 %
        restored.add(50.0);
        assertThat(restored.histogram).isNull();
        assertThat(restored.samples).isEqualTo(4);
        assertThat(restored.p95()).isEqualTo(90.0);
    }
}
