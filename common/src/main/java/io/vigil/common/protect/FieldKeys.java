package io.vigil.common.protect;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of field-level protection: AES-256 keys under ids (one active for new values, the
 * older ones kept so that documents written under them stay readable after a rotation) and one
 * HMAC key for the keyed hashes that make protected values searchable.
 *
 * <p>Kept as a properties file readable by its owner only (never as program arguments, which
 * Flink shows in its UI):
 * <pre>
 * active=k2
 * key.k1=&lt;base64 of 32 random bytes&gt;
 * key.k2=&lt;base64 of 32 random bytes&gt;
 * hash=&lt;base64 of 32 random bytes&gt;
 * </pre>
 * or the same lines, separated by {@code ;}, in the environment variable {@value #ENV_INLINE}.
 * The hash key never rotates: equal values must keep hashing equally, or exact search over
 * older documents would stop finding them.
 */
public final class FieldKeys {
    /** Environment variable naming the keys file. */
    public static final String ENV_FILE = "VIGIL_FIELD_KEYS_FILE";
    /** Environment variable holding the keys themselves ({@code active=k1;key.k1=...;hash=...}). */
    public static final String ENV_INLINE = "VIGIL_FIELD_KEYS";

    /** Where the local stack keeps the keys, under its data dir. */
    public static final String DATA_DIR_FILE = "secrets/field-keys.properties";

    private static final int KEY_BYTES = 32;
    private static final String ACTIVE = "active";
    private static final String KEY = "key.";
    private static final String HASH = "hash";

    private final String activeId;
    private final Map<String, SecretKey> encryptionKeys;
    private final SecretKey hashKey;

    private FieldKeys(String activeId, Map<String, SecretKey> encryptionKeys, SecretKey hashKey) {
        this.activeId = activeId;
        this.encryptionKeys = encryptionKeys;
        this.hashKey = hashKey;
    }

    /** The keys file of a data dir ({@value #DATA_DIR_FILE}). */
    public static Path inDataDir(Path dataDir) {
        return dataDir.resolve(DATA_DIR_FILE);
    }

    /** Reads a keys file, refusing one that others may read. */
    public static FieldKeys load(Path file) throws IOException {
        OwnerOnlyFiles.requireOwnerOnly(file);
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The keys the environment names: the file in {@value #ENV_FILE}, else the inline
     * {@value #ENV_INLINE}; empty when neither is set.
     */
    public static Optional<FieldKeys> fromEnvironment(Map<String, String> env) throws IOException {
        String file = env.get(ENV_FILE);
        if (file != null && !file.isBlank()) {
            return Optional.of(load(Path.of(file.trim())));
        }
        String inline = env.get(ENV_INLINE);
        if (inline != null && !inline.isBlank()) {
            return Optional.of(parse(inline.replace(';', '\n')));
        }
        return Optional.empty();
    }

    static FieldKeys parse(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable keys: " + e.getMessage(), e);
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (String name :
                new TreeMap<>(properties).keySet().stream().map(String::valueOf).toList()) {
            if (name.startsWith(KEY)) {
                keys.put(name.substring(KEY.length()), aesKey(name, properties.getProperty(name)));
            }
        }
        String active = properties.getProperty(ACTIVE, "").trim();
        if (!keys.containsKey(active)) {
            throw new IllegalArgumentException(
                    "'active' must name one of the keys " + keys.keySet() + ", was '" + active + "'");
        }
        String hash = properties.getProperty(HASH);
        if (hash == null) {
            throw new IllegalArgumentException("no 'hash' key");
        }
        return new FieldKeys(active, Map.copyOf(keys), new SecretKeySpec(decode(HASH, hash), "HmacSHA256"));
    }

    /** Creates a keys file with one encryption key and the hash key, mode 0600. */
    public static void generate(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty(ACTIVE, "k1");
        properties.setProperty(KEY + "k1", randomKey());
        properties.setProperty(HASH, randomKey());
        store(file, properties);
    }

    /**
     * Creates the keys file, in a 0700 directory, unless it exists: keys are made once and kept,
     * since losing them loses every value encrypted under them. Returns whether it was created.
     */
    public static boolean createIfAbsent(Path file) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        OwnerOnlyFiles.directory(file.toAbsolutePath().getParent());
        generate(file);
        return true;
    }

    /**
     * Adds a new encryption key to the file and makes it the active one; the older keys stay
     * for reading. Returns the new key's id.
     */
    public static String rotate(Path file) throws IOException {
        FieldKeys current = load(file);
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        int next = current.encryptionKeys.size() + 1;
        while (current.encryptionKeys.containsKey("k" + next)) {
            next++;
        }
        String id = "k" + next;
        properties.setProperty(KEY + id, randomKey());
        properties.setProperty(ACTIVE, id);
        store(file, properties);
        return id;
    }

    public String activeId() {
        return activeId;
    }

    SecretKey encryptionKey(String id) {
        SecretKey key = encryptionKeys.get(id);
        if (key == null) {
            throw new IllegalArgumentException("unknown key id '" + id + "'");
        }
        return key;
    }

    boolean hasKey(String id) {
        return encryptionKeys.containsKey(id);
    }

    SecretKey hashKey() {
        return hashKey;
    }

    private static void store(Path file, Properties properties) throws IOException {
        StringWriter text = new StringWriter();
        properties.store(
                text,
                "Vigil field keys: keep this file 0600 and backed up; losing a key loses the values written under it");
        OwnerOnlyFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String randomKey() {
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static SecretKey aesKey(String name, String base64) {
        byte[] bytes = decode(name, base64);
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                    "'" + name + "' must be " + KEY_BYTES + " bytes (AES-256), was " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static byte[] decode(String name, String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not base64", e);
        }
    }

    /** Never the key material: this object may end up in a log line. */
    @Override
    public String toString() {
        return "FieldKeys{active=" + activeId + ", ids=" + encryptionKeys.keySet() + "}";
    }
}
