package io.vigil.job.protect;

import io.vigil.common.DeadLetter;
import io.vigil.common.LogEvent;
import io.vigil.common.protect.FieldCipher;
import io.vigil.common.protect.FieldKeys;
import io.vigil.common.protect.KeyedHash;
import io.vigil.job.DeadLetters;
import io.vigil.job.FailedRecords;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The last step before the log sink: encrypts the configured fields ({@link FieldEncryptor}).
 * Keys are loaded when the operator opens, from {@link KeysSource}; configured fields without keys
 * fail the start instead of being stored in clear.
 *
 * <p>An event the encryptor fails on is not stored (its fields would be in clear): it becomes a
 * dead letter of stage {@code encrypt} without raw content, which Kafka still holds at its
 * topic, partition and offset ({@code vigil.records.failed{stage=encrypt}}).
 */
public class EncryptFields extends ProcessFunction<LogEvent, LogEvent> {
    private static final long serialVersionUID = 1L;

    private final List<String> fields;
    private final KeysSource keysSource;
    private transient FieldEncryptor encryptor;
    private transient Counter failed;

    public EncryptFields(List<String> fields, KeysSource keysSource) {
        this.fields = List.copyOf(fields);
        this.keysSource = keysSource;
    }

    @Override
    public void open(Configuration parameters) throws Exception {
        FieldKeys keys = keysSource.require(fields);
        encryptor = new FieldEncryptor(fields, new FieldCipher(keys), new KeyedHash(keys));
        failed = FailedRecords.counter(getRuntimeContext().getMetricGroup(), DeadLetter.Stage.ENCRYPT);
    }

    @Override
    public void processElement(LogEvent event, Context ctx, Collector<LogEvent> out) {
        try {
            encryptor.encrypt(event);
        } catch (RuntimeException | StackOverflowError e) {
            failed.inc();
            ctx.output(
                    DeadLetters.TAG,
                    DeadLetter.origin(
                            event.id,
                            event.topic,
                            event.partition,
                            event.offset,
                            DeadLetter.Stage.ENCRYPT,
                            DeadLetter.unexpected(e),
                            System.currentTimeMillis()));
            return;
        }
        out.collect(event);
    }
}
