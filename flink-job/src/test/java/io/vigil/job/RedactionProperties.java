package io.vigil.job;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.common.protect.FieldKeys;
import io.vigil.common.protect.KeyedHash;
import io.vigil.job.fuzz.HostileRecords;
import io.vigil.job.protect.ProtectionConfig;
import io.vigil.job.protect.SecretRedactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Redaction under generated texts dense in secrets (issue 16): applying it again changes nothing
 * (a marker is never taken for a secret, so replays and dead letters redacted twice store the
 * same text), and the raw JSON of unknown fields stays valid JSON, which Elasticsearch needs.
 * 100,000 cases each (junit-platform.properties).
 */
class RedactionProperties {
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final SecretRedactor KEYED = keyed();
    private static final SecretRedactor UNKEYED =
            new SecretRedactor(ProtectionConfig.builtIn().patterns(), null);

    private static SecretRedactor keyed() {
        try {
            Path keys = Files.createTempDirectory("redaction-properties").resolve("keys");
            FieldKeys.generate(keys);
            return new SecretRedactor(ProtectionConfig.builtIn().patterns(), new KeyedHash(FieldKeys.load(keys)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Property
    void redactingTwiceIsRedactingOnce(@ForAll("secretTexts") String text, @ForAll boolean withKeys) {
        SecretRedactor redactor = withKeys ? KEYED : UNKEYED;
        String once = redactor.redact(text);
        String twice = redactor.redact(once);
        if (!once.equals(twice)) {
            throw new AssertionError(
                    "not idempotent:\n  text:  " + text + "\n  once:  " + once + "\n  twice: " + twice);
        }
    }

    @Property
    void redactedJsonOfUnknownFieldsIsStillJson(@ForAll("jsonTexts") String json, @ForAll boolean withKeys)
            throws IOException {
        String redacted = ParseRecords.redactField(withKeys ? KEYED : UNKEYED, "extra", json);
        try {
            STRICT.readTree(redacted);
        } catch (IOException e) {
            throw new AssertionError("not JSON after redaction (" + e.getMessage() + "):\n  json:     " + json
                    + "\n  redacted: " + redacted);
        }
    }

    @Provide
    Arbitrary<String> secretTexts() {
        return Arbitraries.randomValue(HostileRecords::secretText);
    }

    @Provide
    Arbitrary<String> jsonTexts() {
        return Arbitraries.randomValue(r -> "{\"k\":" + HostileRecords.validJson(r, 3) + "}");
    }
}
