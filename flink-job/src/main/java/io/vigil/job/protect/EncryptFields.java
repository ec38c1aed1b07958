package io.vigil.job.protect;

import io.vigil.common.LogEvent;
import io.vigil.common.protect.FieldCipher;
import io.vigil.common.protect.FieldKeys;
import io.vigil.common.protect.KeyedHash;
import java.util.List;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;

/**
 * The last step before the log sink: encrypts the configured fields ({@link FieldEncryptor}).
 * Keys are loaded when the operator opens, from {@link KeysSource}; configured fields without keys
 * fail the start instead of being stored in clear.
 */
public class EncryptFields extends RichMapFunction<LogEvent, LogEvent> {
    private static final long serialVersionUID = 1L;

    private final List<String> fields;
    private final KeysSource keysSource;
    private transient FieldEncryptor encryptor;

    public EncryptFields(List<String> fields, KeysSource keysSource) {
        this.fields = List.copyOf(fields);
        this.keysSource = keysSource;
    }

    @Override
    public void open(Configuration parameters) throws Exception {
        FieldKeys keys = keysSource.require(fields);
        encryptor = new FieldEncryptor(fields, new FieldCipher(keys), new KeyedHash(keys));
    }

    @Override
    public LogEvent map(LogEvent event) {
        encryptor.encrypt(event);
        return event;
    }
}
