package io.vigil.embedded;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.ScramCredentialCallback;
import org.apache.kafka.common.security.scram.internals.ScramCredentialUtils;
import org.apache.kafka.common.security.token.delegation.internals.DelegationTokenCredentialCallback;

/**
 * The broker's SCRAM credential store for the embedded broker. Kafka 3.4 in KRaft mode cannot
 * store SCRAM credentials (that came with KIP-900 in 3.5: no {@code --add-scram}, no
 * AlterUserScramCredentials), so they come from the listener's JAAS options instead, one
 * {@code user_NAME="salt=...,stored_key=...,server_key=...,iterations=N"} each: salted SCRAM
 * credentials (what ZooKeeper or the 3.5+ metadata log would hold), never passwords.
 * Installed through Kafka's public {@code sasl.server.callback.handler.class} hook.
 */
public final class ScramCredentialsCallbackHandler implements AuthenticateCallbackHandler {
    static final String USER_PREFIX = "user_";
    private final Map<String, ScramCredential> credentials = new HashMap<>();
    private String username;

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries) {
        for (AppConfigurationEntry entry : jaasConfigEntries) {
            for (Map.Entry<String, ?> option : entry.getOptions().entrySet()) {
                if (option.getKey().startsWith(USER_PREFIX)) {
                    credentials.put(
                            option.getKey().substring(USER_PREFIX.length()),
                            ScramCredentialUtils.credentialFromString(String.valueOf(option.getValue())));
                }
            }
        }
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                username = name.getDefaultName();
            } else if (callback instanceof DelegationTokenCredentialCallback) {
                // No delegation tokens here: leaving the credential null refuses the login.
            } else if (callback instanceof ScramCredentialCallback scram) {
                scram.scramCredential(username == null ? null : credentials.get(username));
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    @Override
    public void close() {
        credentials.clear();
    }
}
