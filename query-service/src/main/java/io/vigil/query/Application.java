package io.vigil.query;

import io.micronaut.runtime.Micronaut;

/** Entry point of the query service: REST API over Elasticsearch plus the built dashboard. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(Application.class)
                .banner(false)
                .start();
    }
}
