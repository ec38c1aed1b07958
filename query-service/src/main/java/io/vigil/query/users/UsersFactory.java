package io.vigil.query.users;

import io.micronaut.context.annotation.Factory;
import io.vigil.query.VigilConfig;
import jakarta.inject.Singleton;

/** The server's {@link UserStore}, over {@code $VIGIL_DATA/users.json}. */
@Factory
class UsersFactory {
    @Singleton
    UserStore userStore(VigilConfig config) {
        return new UserStore(config.dataDir());
    }
}
