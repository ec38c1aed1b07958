package io.vigil.query.notify;

import io.micronaut.context.annotation.Factory;
import io.vigil.query.VigilConfig;
import jakarta.inject.Singleton;

/** Loads the channels once, at start (a mistake in them stops the start, naming the setting). */
@Factory
class ChannelsFactory {
    @Singleton
    Channels channels(NotificationSettings settings, VigilConfig config) {
        return ChannelsFile.load(
                settings.channelsFile(config.dataDir()),
                new Secrets(System::getenv, settings.secretsFile(config.dataDir())),
                settings);
    }
}
