package io.vigil.query.users;

import io.micronaut.context.annotation.Context;
import io.vigil.query.VigilConfig;
import jakarta.annotation.PostConstruct;
import java.io.PrintStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure user {@code admin} exists before the server answers anything.
 *
 * <ul>
 *   <li>No {@code admin} yet: its password is {@code VIGIL_ADMIN_PASSWORD} (at least
 *       {@link Passwords#MIN_LENGTH} characters, or the service does not start), or when that is unset a
 *       generated one ({@value #GENERATED_LENGTH} characters), printed once to stdout (never to the log) since nobody could log in
 *       otherwise.</li>
 *   <li>{@code admin} exists and {@code VIGIL_ADMIN_PASSWORD} is set to another password: the
 *       hash is replaced. Decision: when the operator sets the variable it is the source of
 *       truth (CONTRACT.md calls it "the password of user admin"), which is also how a lost
 *       password is reset: restart with the variable set. Roles and hosts of the existing
 *       entry are kept. Unset, the stored password stays whatever it is.</li>
 * </ul>
 */
@Context
public class AdminBootstrap {
    public static final String ADMIN = "admin";
    static final int GENERATED_LENGTH = 20;
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserStore users;
    private final VigilConfig config;
    private final PrintStream console;

    public AdminBootstrap(UserStore users, VigilConfig config) {
        this(users, config, System.out);
    }

    AdminBootstrap(UserStore users, VigilConfig config, PrintStream console) {
        this.users = users;
        this.config = config;
        this.console = console;
    }

    @PostConstruct
    void ensureAdmin() {
        String configured = config.adminPasswordOrNull();
        if (configured != null) {
            try {
                Passwords.requireUsable(configured, Passwords.MIN_LENGTH);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("VIGIL_ADMIN_PASSWORD: " + e.getMessage());
            }
        }
        var existing = users.find(ADMIN);
        if (existing.isEmpty()) {
            String password = configured != null ? configured : Passwords.generate(GENERATED_LENGTH);
            users.save(new User(ADMIN, Passwords.hash(password), List.of(Role.ADMIN), List.of()));
            if (configured != null) {
                LOG.info("Created user '{}' in {} with the password from VIGIL_ADMIN_PASSWORD", ADMIN, users.file());
            } else {
                LOG.info(
                        "Created user '{}' in {} with a generated password (printed once to stdout)",
                        ADMIN,
                        users.file());
                printBanner(password);
            }
        } else if (configured != null
                && !Passwords.verify(configured, existing.get().passwordHash())) {
            users.save(existing.get().withPasswordHash(Passwords.hash(configured)));
            LOG.info("Password of user '{}' replaced by the one in VIGIL_ADMIN_PASSWORD", ADMIN);
        }
    }

    private void printBanner(String password) {
        String rule = "=".repeat(72);
        console.println();
        console.println(rule);
        console.println("  Vigil: first start. Created user 'admin' with this generated password:");
        console.println();
        console.println("      " + password);
        console.println();
        console.println("  It is shown only this once; only its bcrypt hash is kept in " + users.file() + ".");
        console.println("  To choose your own, set VIGIL_ADMIN_PASSWORD and restart.");
        console.println(rule);
        console.println();
        console.flush();
    }
}
