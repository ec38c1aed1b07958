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
        List<Clear> found = null;
        for (String field : fields) {
            Object value = event.fields.get(field);
            if (value instanceof String text && !text.isEmpty()) {
                found = add(found, new Clear(field, -1, text));
            } else if (value instanceof List<?> list
                    && !list.isEmpty()
                    && list.stream().allMatch(String.class::isInstance)) {
                for (int i = 0; i < list.size(); i++) {
                    found = add(found, new Clear(field, i, (String) list.get(i)));
                }
            }
        }
        if (found == null) {
            return;
        }
        for (String field : fields) {
            if (found.stream().anyMatch(c -> c.field.equals(field))) {
                protect(event, field, event.fields.remove(field));
            }
        }
        // Longest first: a command line that contains the user name is marked whole.
        found.sort(Comparator.comparingInt((Clear c) -> c.value.length()).reversed());
        for (Clear clear : found) {
            if (clear.value.isEmpty()) {
                continue;
            }
            String marker = clear.index < 0
                    ? ProtectedFields.marker(clear.field)
                    : ProtectedFields.marker(clear.field, clear.index);
            event.message = TextMarkers.replace(event.message, clear.value, marker);
            for (Map.Entry<String, Object> other : event.fields.entrySet()) {
                if (other.getValue() instanceof String text
                        && !other.getKey().startsWith(ProtectedFields.OBJECT + ".")) {
                    other.setValue(TextMarkers.replace(text, clear.value, marker));
                }
            }
        }
    }

    /** Puts the hash and ciphertext of a value (a string, or a list of strings element by element). */
    private void protect(LogEvent event, String field, Object value) {
        String hashKey = ProtectedFields.OBJECT + "." + ProtectedFields.HASH + field;
        String cipherKey = ProtectedFields.OBJECT + "." + ProtectedFields.CIPHER + field;
        if (value instanceof String text) {
            event.fields.put(hashKey, hash.of(KeyedHash.FIELD_VALUES, text));
            event.fields.put(cipherKey, cipher.encrypt(field, text));
            return;
        }
        List<String> hashes = new ArrayList<>();
        List<String> ciphers = new ArrayList<>();
        for (Object element : (List<?>) value) {
            hashes.add(hash.of(KeyedHash.FIELD_VALUES, (String) element));
            ciphers.add(cipher.encrypt(field, (String) element));
        }
        event.fields.put(hashKey, hashes);
        event.fields.put(cipherKey, ciphers);
    }

    private static List<Clear> add(List<Clear> found, Clear clear) {
        List<Clear> list = found == null ? new ArrayList<>(2) : found;
        list.add(clear);
        return list;
    }

    /** A clear value to protect: a field's, or element {@code index} of a list field's (-1 for a string). */
    private record Clear(String field, int index, String value) {}
}
