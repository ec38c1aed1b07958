package io.vigil.query.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.common.protect.FieldCipher;
import io.vigil.common.protect.FieldKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        return KeysCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void createsOnceThenRotatesKeepingOldValuesReadable() throws Exception {
        Path file = dir.resolve("secrets/field-keys.properties");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        assertEquals(0, run(out, err, "--file", file.toString(), "create"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        String first = Files.readString(file);
        assertEquals(0, run(out, err, "--file", file.toString(), "create"));
        assertEquals(first, Files.readString(file), "create never replaces existing keys");

        String old = new FieldCipher(FieldKeys.load(file)).encrypt("user.name", "alice");
        assertEquals(0, run(out, err, "--file", file.toString(), "rotate"));
        assertTrue(out.toString().contains("active key is now k2"), out.toString());
        assertEquals("alice", new FieldCipher(FieldKeys.load(file)).decrypt("user.name", old));
    }

    @Test
    void rotatingAMissingFileFailsWithTheReason() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        assertEquals(1, run(out, err, "--file", dir.resolve("absent").toString(), "rotate"));
        assertTrue(err.toString().contains("cannot rotate"), err.toString());
    }
}
