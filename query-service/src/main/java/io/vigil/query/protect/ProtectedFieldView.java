package io.vigil.query.protect;

import io.micronaut.context.annotation.Value;
import io.micronaut.security.authentication.Authentication;
import io.vigil.common.protect.FieldCipher;
import io.vigil.common.protect.FieldKeys;
import io.vigil.common.protect.KeyedHash;
import io.vigil.common.protect.ProtectedFields;
import io.vigil.query.VigilConfig;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows the fields the job stored encrypted ({@link ProtectedFields}): in clear to the roles of
 * {@code VIGIL_CLEAR_ROLES} (default admin, analyst), as {@value ProtectedFields#MASK} to everyone
 * else, in the field and wherever its marker stands in the message; in alerts ({@link #alertView})
 * wherever their markers stand in the summary, group key and context. The keyed hash and ciphertext
 * never leave the service.
 *
 * <p>Keys come from {@code VIGIL_FIELD_KEYS_FILE} / {@code VIGIL_FIELD_KEYS}, else the file the
 * local stack writes ({@code $VIGIL_DATA/secrets/field-keys.properties}). The file is read again
 * when it changes, so a rotation done while the service runs is picked up for the newest documents.
 * Without keys, protected values are masked for everyone.
 */
@Singleton
public class ProtectedFieldView {
    private static final Logger LOG = LoggerFactory.getLogger(ProtectedFieldView.class);
    private static final long RECHECK_MILLIS = 5_000;

    private final Path defaultFile;
    private final Set<String> clearRoles;
    private volatile Loaded loaded = new Loaded(null, null, -1, 0);

    public ProtectedFieldView(VigilConfig config, @Value("${vigil.clear-roles:admin,analyst}") String clearRoles) {
        this.defaultFile = FieldKeys.inDataDir(config.dataDir());
        this.clearRoles = Arrays.stream(clearRoles.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The keyed hash of a value, to search for it; empty without keys. */
    public Optional<String> hashOf(String value) {
        return keys().map(k -> new KeyedHash(k).of(KeyedHash.FIELD_VALUES, value));
    }

    /** Whether this caller sees protected values in clear (one of the roles of {@code VIGIL_CLEAR_ROLES}). */
    public boolean seesClear(Authentication caller) {
        return caller.getRoles().stream().anyMatch(clearRoles::contains);
    }

    /**
     * What a caller may see of a stored alert: the job replaced each protected value in its
     * summary, group key and context by a marker {@code «field[i]»} with the ciphertext in
     * {@code protected.cipher.field}; here every marker becomes the clear value or the mask.
     */
    public Function<Map<String, Object>, Map<String, Object>> alertView(Authentication caller) {
        return alertView(seesClear(caller));
    }

    /** The same for a receiver that is not a user (a notification channel): clear or masked as configured. */
    public Function<Map<String, Object>, Map<String, Object>> alertView(boolean clear) {
        // Keys looked up when applied (on the caller's thread: a stream's poller, a sender), not here.
        return item -> revealAlert(item, clear ? keys().map(FieldCipher::new).orElse(null) : null);
    }

    private Map<String, Object> revealAlert(Map<String, Object> item, FieldCipher cipher) {
        if (!(item.remove(ProtectedFields.OBJECT) instanceof Map<?, ?> stored)) {
            return item;
        }
        Map<String, String> shown = new LinkedHashMap<>();
        ciphertexts(stored).forEach((field, value) -> {
            if (value instanceof List<?> tokens) {
                for (int i = 0; i < tokens.size(); i++) {
                    shown.put(ProtectedFields.marker(field, i), show(cipher, field, String.valueOf(tokens.get(i))));
                }
            } else {
                shown.put(ProtectedFields.marker(field), show(cipher, field, String.valueOf(value)));
            }
        });
        if (!shown.isEmpty()) {
            item.replaceAll((k, v) -> unmarkAll(v, shown));
        }
        return item;
    }

    /** Every marker in every text of a value (maps and lists walked), replaced by what is shown for it. */
    @SuppressWarnings("unchecked")
    private static Object unmarkAll(Object value, Map<String, String> shown) {
        if (value instanceof String text) {
            if (text.indexOf('«') < 0) {
                return text;
            }
            String out = text;
            for (Map.Entry<String, String> marker : shown.entrySet()) {
                out = out.replace(marker.getKey(), marker.getValue());
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            ((Map<Object, Object>) map).replaceAll((k, v) -> unmarkAll(v, shown));
            return map;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(unmarkAll(v, shown)));
            return out;
        }
        return value;
    }

    /** What a caller may see of a stored log document (the map is changed in place and returned). */
    public Function<Map<String, Object>, Map<String, Object>> view(Authentication caller) {
        boolean clear = seesClear(caller);
        Optional<FieldKeys> keys = clear ? keys() : Optional.empty();
        FieldCipher cipher = keys.map(FieldCipher::new).orElse(null);
        return item -> reveal(item, cipher);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> reveal(Map<String, Object> item, FieldCipher cipher) {
        if (!(item.remove(ProtectedFields.OBJECT) instanceof Map<?, ?> stored)) {
            return item;
        }
        for (Map.Entry<String, Object> entry : ciphertexts(stored).entrySet()) {
            String field = entry.getKey();
            if (entry.getValue() instanceof List<?> tokens) {
                List<String> shown = new ArrayList<>(tokens.size());
                for (int i = 0; i < tokens.size(); i++) {
                    String element = show(cipher, field, String.valueOf(tokens.get(i)));
                    shown.add(element);
                    unmark(item, ProtectedFields.marker(field, i), element);
                }
                put(item, field, shown);
            } else {
                String shown = show(cipher, field, String.valueOf(entry.getValue()));
                put(item, field, shown);
                unmark(item, ProtectedFields.marker(field), shown);
            }
        }
        return item;
    }

    /** Field → its ciphertext (or list of them) from a document's protected object; hashes left out. */
    private static Map<String, Object> ciphertexts(Map<?, ?> stored) {
        Map<String, Object> out = new LinkedHashMap<>();
        stored.forEach((key, value) -> {
            String name = String.valueOf(key);
            if (name.startsWith(ProtectedFields.CIPHER)) {
                out.put(name.substring(ProtectedFields.CIPHER.length()), value);
            }
        });
        return out;
    }

    private String show(FieldCipher cipher, String field, String token) {
        return cipher == null ? ProtectedFields.MASK : decrypt(cipher, field, token);
    }

    private static void unmark(Map<String, Object> item, String marker, String shown) {
        if (item.get("message") instanceof String message) {
            item.put("message", message.replace(marker, shown));
        }
    }

    private String decrypt(FieldCipher cipher, String field, String token) {
        try {
            return cipher.decrypt(field, token);
        } catch (IllegalArgumentException e) {
            // A key missing from this service's file, or a damaged value: masked, and logged
            // with the key id (never the value).
            LOG.warn("Cannot decrypt {} (key {}): {}", field, safeKeyId(token), e.getMessage());
            return ProtectedFields.MASK;
        }
    }

    private static String safeKeyId(String token) {
        try {
            return FieldCipher.keyIdOf(token);
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }

    /** Sets a dotted field in the nested document maps ({@code user.name} → user: {name}). */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> item, String dotted, Object value) {
        List<String> parts = List.of(dotted.split("\\."));
        Map<String, Object> at = item;
        for (String part : parts.subList(0, parts.size() - 1)) {
            Object next = at.get(part);
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                at.put(part, next);
            }
            at = (Map<String, Object>) next;
        }
        at.put(parts.get(parts.size() - 1), value);
    }

    private Optional<FieldKeys> keys() {
        Loaded current = loaded;
        long now = System.currentTimeMillis();
        if (now - current.checkedAt < RECHECK_MILLIS) {
            return Optional.ofNullable(current.keys);
        }
        synchronized (this) {
            loaded = load(loaded, now);
            return Optional.ofNullable(loaded.keys);
        }
    }

    private Loaded load(Loaded previous, long now) {
        try {
            Optional<FieldKeys> fromEnvironment = FieldKeys.fromEnvironment(System.getenv());
            if (fromEnvironment.isPresent()) {
                return previous.keys != null && previous.file == null
                        ? previous.checked(now)
                        : new Loaded(fromEnvironment.get(), null, -1, now);
            }
            if (!Files.isRegularFile(defaultFile)) {
                return new Loaded(null, null, -1, now);
            }
            long modified = Files.getLastModifiedTime(defaultFile).toMillis();
            if (previous.keys != null && defaultFile.equals(previous.file) && previous.modified == modified) {
                return previous.checked(now);
            }
            return new Loaded(FieldKeys.load(defaultFile), defaultFile, modified, now);
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("Field keys unusable, protected values stay masked: {}", e.getMessage());
            return new Loaded(null, null, -1, now);
        }
    }

    private record Loaded(FieldKeys keys, Path file, long modified, long checkedAt) {
        Loaded checked(long now) {
            return new Loaded(keys, file, modified, now);
        }
    }
}
