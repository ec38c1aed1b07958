package io.vigil.job;

import java.io.IOException;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * The connector's Elasticsearch writer, whose flush (before each checkpoint barrier, and at the end
 * of input) also waits until the bulks it handed to {@link BackgroundBulks} are stored.
 *
 * @param <T> what the sink writes
 */
final class DrainingWriter<T> implements SinkWriter<T> {
    private final SinkWriter<T> writer;
    private final BackgroundBulks bulks;

    DrainingWriter(SinkWriter<T> writer, BackgroundBulks bulks) {
        this.writer = writer;
        this.bulks = bulks;
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        writer.write(element, context);
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        writer.flush(endOfInput);
        bulks.drain();
    }

    @Override
    public void writeWatermark(Watermark watermark) throws IOException, InterruptedException {
        writer.writeWatermark(watermark);
    }

    @Override
    public void close() throws Exception {
        try {
            writer.close();
        } finally {
            bulks.close();
        }
    }
}
