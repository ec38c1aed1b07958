package io.vigil.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** `./vigil bench --jmh`: the hot-path microbenchmarks in io.vigil.bench.jmh. */
final class Microbenchmarks {
    private Microbenchmarks() {}

    static int run(Path out) throws Exception {
        Files.createDirectories(out.getParent());
        Options options = new OptionsBuilder()
                .include("io\\.vigil\\.bench\\.jmh\\..*")
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .resultFormat(ResultFormatType.JSON)
                .result(out.toString())
                .build();
        new Runner(options).run();
        System.out.println("JMH results: " + out);
        return 0;
    }
}
