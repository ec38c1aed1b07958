package io.vigil.query.testing;

import org.junit.jupiter.api.BeforeAll;

/** A test class that reads the {@link Fleet} data set: its prefix, seeded before the class's tests. */
public abstract class FleetTestSupport extends ElasticsearchTestSupport {
    @Override
    protected String prefix() {
        return Fleet.PREFIX;
    }

    @BeforeAll
    protected void seedFleet() {
        Fleet.seed(ElasticsearchProcessExtension.url());
    }
}
