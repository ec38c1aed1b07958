package io.vigil.query.retention;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.vigil.common.Indices;
import io.vigil.query.VigilConfig;
import io.vigil.query.es.Elasticsearch;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes daily log indices older than {@code vigil.retention-days} (VIGIL_RETENTION_DAYS,
 * default 30; 0 keeps everything). It lives in the query service because that is the one
 * long-running process of every deployment, local or clustered; the Flink job only writes.
 * Whole indices go at once (cheap, no deleted documents left to merge), which is why the logs
 * are daily indices behind an alias.
 */
@Singleton
public class LogRetention {
    private static final Logger LOG = LoggerFactory.getLogger(LogRetention.class);

    private final Elasticsearch es;
    private final Indices indices;
    private final int days;
    private final Clock clock;

    public LogRetention(Elasticsearch es, VigilConfig config, @Value("${vigil.retention-days:30}") int days) {
        this(es, config.indices(), days, Clock.systemUTC());
    }

    LogRetention(Elasticsearch es, Indices indices, int days, Clock clock) {
        this.es = es;
        this.indices = indices;
        this.days = days;
        this.clock = clock;
    }

    @Scheduled(initialDelay = "1m", fixedDelay = "1h")
    void scheduled() {
        try {
            deleteExpired();
        } catch (RuntimeException e) {
            LOG.warn("Log retention could not run this time: {}", e.getMessage());
        }
    }

    /** Deletes the expired daily log indices; returns their names. */
    public List<String> deleteExpired() {
        List<String> deleted = new ArrayList<>();
        if (days <= 0) {
            return deleted;
        }
        LocalDate oldestKept = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(days - 1L);
        for (String index : es.indexNames(indices.logsPattern())) {
            indices.logsIndexDay(index).filter(day -> day.isBefore(oldestKept)).ifPresent(day -> {
                es.deleteIndex(index);
                deleted.add(index);
                LOG.info("Deleted log index {} (older than {} days)", index, days);
            });
        }
        return deleted;
    }
}
