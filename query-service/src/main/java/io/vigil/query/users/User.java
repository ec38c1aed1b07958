package io.vigil.query.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of users.json: {@code {"username","password_hash","roles":["admin"],"hosts":["web-*"]}}.
 * An empty {@code hosts} list means every host; otherwise the user only sees hosts matching one
 * of the globs ({@code *}, {@code ?}).
 */
@JsonPropertyOrder({"username", "password_hash", "roles", "hosts"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record User(
        @JsonProperty("username") String username,
        @JsonProperty("password_hash") String passwordHash,
        @JsonProperty("roles") List<Role> roles,
        @JsonProperty("hosts") List<String> hosts) {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern HOST_GLOB = Pattern.compile("[^\\s,]{1,255}");

    public User {
        requireValidUsername(username);
        Objects.requireNonNull(passwordHash, "password_hash");
        roles = roles == null ? List.of() : List.copyOf(roles);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        for (String glob : hosts) {
            requireValidHostGlob(glob);
        }
    }

    public static void requireValidUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("user name must be 1-64 characters: letters, digits, "
                    + "'.', '_', '@', '-', starting with a letter or digit");
        }
    }

    public static void requireValidHostGlob(String glob) {
        if (glob == null || !HOST_GLOB.matcher(glob).matches()) {
            throw new IllegalArgumentException(
                    "host glob must be 1-255 characters without spaces or commas: '" + glob + "'");
        }
    }

    public User withPasswordHash(String hash) {
        return new User(username, hash, roles, hosts);
    }

    /** No hash in the text form: a record's default toString would print it. */
    @Override
    public String toString() {
        return "User[" + username + ", roles=" + roles + ", hosts=" + hosts + "]";
    }
}
