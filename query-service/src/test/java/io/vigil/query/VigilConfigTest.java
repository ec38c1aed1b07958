package io.vigil.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.context.exceptions.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class VigilConfigTest {

    @Test
    void esUrlIsACommaList() {
        VigilConfig config = new VigilConfig();
        config.setEsUrl("http://es1:9200, https://es2:9243,");

        assertEquals(List.of("http://es1:9200", "https://es2:9243"), config.esUrls());
    }

    @Test
    void unusableSettingsFailAtStartWithTheVariableNamed() {
        VigilConfig config = new VigilConfig();

        assertThrows(ConfigurationException.class, () -> config.setEsUrl("localhost:9200"));
        assertThrows(ConfigurationException.class, () -> config.setEsUrl("ftp://es:21"));
        ConfigurationException prefix =
                assertThrows(ConfigurationException.class, () -> config.setIndexPrefix("Vigil Logs"));
        assertEquals(true, prefix.getMessage().startsWith("VIGIL_INDEX_PREFIX"));
    }

    @Test
    void emptySecretsCountAsUnset() {
        VigilConfig config = new VigilConfig();
        config.setAdminPassword("");
        config.setJwtSecret("");

        assertNull(config.adminPasswordOrNull());
        assertNull(config.jwtSecretOrNull());
    }
}
