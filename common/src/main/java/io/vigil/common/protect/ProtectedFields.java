package io.vigil.common.protect;

/**
 * How protected values appear in a stored log document (docs/schema.md, "Protected fields"). The
 * job writes them, the query service reads them: one place for both.
 *
 * <pre>
 * "message":   "Failed password for «user.name» from 10.0.0.5 port 22 ssh2",
 * "protected": {"hash.user.name": "Zt0…", "cipher.user.name": "v1:k1:…"}
 * </pre>
 * The clear value is in neither: {@code hash.*} is indexed (exact search), {@code cipher.*} is
 * stored only, and every occurrence in the message and other text fields is the field's marker.
 * A list field (process.args) keeps its shape: a list of hashes, a list of ciphertexts, and one
 * marker per element.
 */
public final class ProtectedFields {
    /** The document object holding hashes and ciphertexts. */
    public static final String OBJECT = "protected";
    /** Key prefix (inside {@link #OBJECT}) of a field's keyed hash. */
    public static final String HASH = "hash.";
    /** Key prefix (inside {@link #OBJECT}) of a field's ciphertext. */
    public static final String CIPHER = "cipher.";
    /** What a caller who may not see a protected value gets instead. */
    public static final String MASK = "•••";

    private ProtectedFields() {}

    /** The indexed path of a protected field's hash, e.g. {@code protected.hash.user.name}. */
    public static String hashPath(String field) {
        return OBJECT + "." + HASH + field;
    }

    /** What stands in text for a protected field's value: {@code «user.name»}. */
    public static String marker(String field) {
        return "«" + field + "»";
    }

    /** What stands in text for one element of a protected list field: {@code «process.args[2]»}. */
    public static String marker(String field, int index) {
        return "«" + field + "[" + index + "]»";
    }
}
