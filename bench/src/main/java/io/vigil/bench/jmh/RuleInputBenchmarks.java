package io.vigil.bench.jmh;

import io.vigil.detection.runtime.RuleInput;
import io.vigil.detection.runtime.RuleInputSerializer;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One rule input written and read back, as it crosses from the router to its rule's operator:
 * Flink's POJO serializer (what the side outputs used, and what state still uses) against
 * {@link RuleInputSerializer}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RuleInputBenchmarks {
    @Param({"pojo", "own"})
    public String serializer;

    private TypeSerializer<RuleInput> chosen;
    private final RuleInput input = new RuleInput();
    private final DataOutputSerializer out = new DataOutputSerializer(256);
    private final DataInputDeserializer in = new DataInputDeserializer();

    @Setup
    public void setup() {
        chosen = serializer.equals("own")
                ? RuleInputSerializer.INSTANCE
                : TypeInformation.of(RuleInput.class).createSerializer(new SerializerConfigImpl());
        // an ssh failure as the brute-force count rule sees it
        input.key = "203.0.113.9";
        input.timestamp = 1_764_151_201_000L;
        input.content = 0x5DEECE66DL;
        input.id = "threat-logs-2-123456";
        input.host = "bastion-01";
        input.severity = 2;
        input.summary = new String[] {"admin", "203.0.113.9"};
        input.arrival = 1_764_151_201_500L;
    }

    @Benchmark
    public RuleInput writeAndRead() throws Exception {
        out.clear();
        chosen.serialize(input, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return chosen.deserialize(in);
    }
}
