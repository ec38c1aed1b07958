package io.vigil.job.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.protect.FieldKeys;
import io.vigil.common.protect.KeyedHash;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretRedactorTest {
    private static SecretRedactor redactor;
    private static SecretRedactor unkeyed;

    @BeforeAll
    static void keys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys");
        FieldKeys.generate(file);
        redactor = new SecretRedactor(ProtectionConfig.builtIn().patterns(), new KeyedHash(FieldKeys.load(file)));
        unkeyed = new SecretRedactor(ProtectionConfig.builtIn().patterns(), null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "credential     | login ok password=hunter2 for admin                        | hunter2",
                "credential     | curl -u x --data 'api_key=sk_live_51HbXyZ&user=1'          | sk_live_51HbXyZ",
                "credential     | {\"user\":\"bob\",\"password\":\"s3cr3t!pw\"}                 | s3cr3t!pw",
                "credential     | export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY | wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "credential     | token: ghp_16C7e42F292c6912E7710c838347Ae178B4a            | ghp_16C7e42F292c6912E7710c838347Ae178B4a",
                "bearer-token   | GET /api Authorization: Bearer abcDEF123456.xyz-_~+/        | abcDEF123456.xyz-_~+/",
                "basic-auth     | Authorization: Basic dXNlcjpwYXNzd29yZA==                  | dXNlcjpwYXNzd29yZA==",
                "jwt            | cookie=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.sig-nature_x | eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.sig-nature_x",
                "aws-access-key | key id AKIAIOSFODNN7EXAMPLE used from 10.0.0.1              | AKIAIOSFODNN7EXAMPLE",
                "url-password   | connecting to postgres://app:Pa55word@db-01:5432/app        | Pa55word",
                "card-number    | paid with 4111 1111 1111 1111 at shop                       | 4111 1111 1111 1111",
                "card-number    | card=5555-5555-5555-4444;amount=10                          | 5555-5555-5555-4444",
                "card-number    | amex 378282246310005 ok                                     | 378282246310005",
            })
    void redactsEachKindOfSecret(String kind, String text, String secret) {
        String redacted = redactor.redact(text.trim());

        assertThat(redacted).doesNotContain(secret.trim()).contains("[REDACTED:" + kind.trim() + ":");
    }

    @Test
    void privateKeysGoWhole() {
        String text =
                "deploy: -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq\nq2xj\n-----END RSA PRIVATE KEY----- done";

        assertThat(redactor.redact(text))
                .startsWith("deploy: [REDACTED:private-key:")
                .endsWith("] done")
                .doesNotContain("MIIE");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Failed password for invalid user admin from 203.0.113.7 port 51234 ssh2",
                "Accepted password for alice from 10.0.0.5 port 22 ssh2",
                "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.7 user=root",
                "request 1764150000000 took 12 ms; order 4111111111111112 shipped",
                "sudo: alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/passwd bob",
                "the token bucket refilled; keys rotated",
            })
    void leavesOrdinaryLogsAlone(String text) {
        assertThat(redactor.redact(text)).isSameAs(text);
    }

    @Test
    void equalSecretsCorrelateWithoutRevealingThemselves() {
        String a = redactor.redact("password=correct-horse on web-01");
        String b = redactor.redact("passwd: correct-horse on web-02");
        String c = redactor.redact("password=battery-staple");

        String marker = a.substring(a.indexOf("[REDACTED"), a.indexOf(']') + 1);
        assertThat(b).contains(marker.replace("credential", "credential"));
        assertThat(c).doesNotContain(marker);
        assertThat(unkeyed.redact("password=correct-horse")).isEqualTo("password=[REDACTED:credential]");
    }

    @Test
    void redactedJsonStaysJson() {
        String json = "{\"password\":\"abc\\\"def\",\"n\":1}";
        String redacted = redactor.redact(json);

        assertThat(redacted).doesNotContain("abc").contains("\\\"def\"");
    }
}
