package io.vigil.job.protect;

import io.vigil.common.LogEvent;
import io.vigil.common.protect.FieldCipher;
import io.vigil.common.protect.KeyedHash;
import io.vigil.common.protect.ProtectedFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Protects the configured fields of an event before it is indexed (layout in
 * {@link ProtectedFields}): the clear value leaves the event; its keyed hash (indexed, for exact
 * search) and its AES-GCM ciphertext (stored only) take its place; every occurrence of it in the
 * message and the other text fields becomes the field's marker, so the query service can put it
 * back for those allowed to see it. Detection has already seen the clear value by then.
 *
 * <p>Not thread-safe: one per operator.
 */
public final class FieldEncryptor {
    private final List<String> fields;
    private final FieldCipher cipher;
    private final KeyedHash hash;

    public FieldEncryptor(List<String> fields, FieldCipher cipher, KeyedHash hash) {
        this.fields = List.copyOf(fields);
        this.cipher = cipher;
        this.hash = hash;
    }

    public void encrypt(LogEvent event) {
        List<Map.Entry<String, String>> found = null;
        for (String field : fields) {
            if (event.fields.get(field) instanceof String value && !value.isEmpty()) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                found.add(Map.entry(field, value));
            }
        }
        if (found == null) {
            return;
        }
        // Longest first: a command line that contains the user name is marked whole.
        found.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getValue().length()).reversed());
        for (Map.Entry<String, String> entry : found) {
            String field = entry.getKey();
            String value = entry.getValue();
            event.fields.remove(field);
            event.fields.put(ProtectedFields.OBJECT + "." + ProtectedFields.HASH + field, hash.of(KeyedHash.FIELD_VALUES, value));
            event.fields.put(ProtectedFields.OBJECT + "." + ProtectedFields.CIPHER + field, cipher.encrypt(field, value));
            String marker = ProtectedFields.marker(field);
            event.message = TextMarkers.replace(event.message, value, marker);
            for (Map.Entry<String, Object> other : event.fields.entrySet()) {
                if (other.getValue() instanceof String text && !other.getKey().startsWith(ProtectedFields.OBJECT + ".")) {
                    other.setValue(TextMarkers.replace(text, value, marker));
                }
            }
        }
    }
}
