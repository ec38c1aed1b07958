package io.vigil.query.testing;

import io.vigil.query.users.Passwords;
import io.vigil.query.users.Role;
import io.vigil.query.users.User;
import io.vigil.query.users.UserStore;
import java.nio.file.Path;
import java.util.List;

/**
 * The users the API tests log in as, one per role and scope. Their bcrypt hash is computed once
 * per JVM (bcrypt is slow on purpose) and written into each test's own users file.
 */
public final class TestUsers {
    public static final String PASSWORD = "test-password-1";
    private static final String HASH = Passwords.hash(PASSWORD);

    public record TestUser(String name, List<Role> roles, List<String> hosts) {}

    public static final TestUser VIEWER = new TestUser("vera", List.of(Role.VIEWER), List.of());
    public static final TestUser ANALYST = new TestUser("anna", List.of(Role.ANALYST), List.of());
    public static final TestUser ADMIN = new TestUser("adam", List.of(Role.ADMIN), List.of());
    /** A viewer limited to the web hosts. */
    public static final TestUser WEB_VIEWER = new TestUser("sam", List.of(Role.VIEWER), List.of("web-*"));
    /** An analyst limited to db-01. */
    public static final TestUser DB_ANALYST = new TestUser("sally", List.of(Role.ANALYST), List.of("db-01"));
    /** An admin limited to the web hosts. */
    public static final TestUser WEB_ADMIN = new TestUser("sid", List.of(Role.ADMIN), List.of("web-*"));
    /** A user without any role: may log in, may read nothing. */
    public static final TestUser NO_ROLE = new TestUser("nora", List.of(), List.of());

    public static final List<TestUser> ALL =
            List.of(VIEWER, ANALYST, ADMIN, WEB_VIEWER, DB_ANALYST, WEB_ADMIN, NO_ROLE);

    private TestUsers() {}

    public static void writeAll(Path dataDir) {
        UserStore store = new UserStore(dataDir);
        for (TestUser u : ALL) {
            store.save(new User(u.name(), HASH, u.roles(), u.hosts()));
        }
    }
}
