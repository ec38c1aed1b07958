package io.vigil.query.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.query.VigilConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminBootstrapTest {
    @TempDir
    Path dataDir;

    private String start(String adminPassword) {
        VigilConfig config = new VigilConfig();
        config.setData(dataDir.toString());
        config.setAdminPassword(adminPassword);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new AdminBootstrap(new UserStore(dataDir), config, new PrintStream(console, true, StandardCharsets.UTF_8))
                .ensureAdmin();
        return console.toString(StandardCharsets.UTF_8);
    }

    private User admin() {
        return new UserStore(dataDir).find("admin").orElseThrow();
    }

    @Test
    void firstStartWithoutPasswordGeneratesOnePrintedOnce() {
        String printed = start(null);

        Matcher shown = Pattern.compile("(?m)^ {6}(\\S{16,})$").matcher(printed);
        assertTrue(shown.find(), printed);
        String password = shown.group(1);
        assertEquals(AdminBootstrap.GENERATED_LENGTH, password.length());
        assertTrue(Passwords.verify(password, admin().passwordHash()));
        assertEquals(List.of(Role.ADMIN), admin().roles());

        assertEquals("", start(null), "printed again on the second start");
        assertTrue(Passwords.verify(password, admin().passwordHash()), "kept on the second start");
    }

    @Test
    void configuredPasswordIsUsedAndReplacesAnotherOne() {
        assertEquals("", start("first-password"));
        assertTrue(Passwords.verify("first-password", admin().passwordHash()));
        String hash = admin().passwordHash();

        start("first-password");
        assertEquals(hash, admin().passwordHash(), "same password: hash untouched");

        start("second-password");
        assertTrue(Passwords.verify("second-password", admin().passwordHash()));
        assertFalse(Passwords.verify("first-password", admin().passwordHash()));

        start(null);
        assertTrue(Passwords.verify("second-password", admin().passwordHash()), "unset: kept");
    }

    @Test
    void aConfiguredAdminPasswordShorterThanTwelveCharactersStopsTheStart() {
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> start("short-pw-11"));
        assertTrue(refused.getMessage().contains("VIGIL_ADMIN_PASSWORD"), refused.getMessage());
        assertTrue(refused.getMessage().contains("at least 12"), refused.getMessage());
        assertFalse(refused.getMessage().contains("short-pw-11"), "never the password itself");
        assertTrue(new UserStore(dataDir).find("admin").isEmpty(), "no admin with a weak password");
        assertTrue(AdminBootstrap.GENERATED_LENGTH >= Passwords.MIN_LENGTH);
        start("long-enough-pw"); // 14
        assertTrue(Passwords.verify("long-enough-pw", admin().passwordHash()));
    }
}
