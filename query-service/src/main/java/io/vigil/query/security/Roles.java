package io.vigil.query.security;

/**
 * The role names of the tokens, for {@code @Secured}. Roles are not nested in the token (an admin
 * carries only "admin"), so each endpoint lists every role that may call it.
 */
public final class Roles {
    public static final String VIEWER = "viewer";
    public static final String ANALYST = "analyst";
    public static final String ADMIN = "admin";

    private Roles() {}
}
