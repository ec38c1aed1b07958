package io.vigil.query.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.runtime.event.annotation.EventListener;
import io.vigil.common.AlertStatus;
import io.vigil.common.Durations;
import io.vigil.common.Indices;
import io.vigil.query.VigilConfig;
import io.vigil.query.alerts.AlertStatusChanged;
import io.vigil.query.es.Elasticsearch;
import io.vigil.query.protect.ProtectedFieldView;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alert notifications, run inside the query service rather than the Flink job: the service
 * already reads alerts and owns their status (closing one here must resolve its PagerDuty
 * incident), it is one long-running process per deployment, and all notification state (claims,
 * outcomes, dead letters) lives in Elasticsearch beside the alerts, so a restart loses nothing and
 * repeats nothing.
 *
 * <p>Threads: one intake ({@link AlertIntake}, every poll interval or when a status changes) and
 * one sender per channel ({@link ChannelDispatcher}), so a slow receiver delays only its own
 * channel. None run when no channel is configured or {@code vigil.notifications.enabled} is false.
 */
@Context
public class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    private final NotificationSettings settings;
    private final Channels channels;
    private final NotificationStore store;
    private final AlertIntake intake;
    private final Map<String, ChannelDispatcher> dispatchers = new LinkedHashMap<>();
    private final Map<String, Signal> signals = new LinkedHashMap<>();
    private final Signal intakeSignal = new Signal();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public Notifier(
            NotificationSettings settings,
            Channels channels,
            Elasticsearch elasticsearch,
            VigilConfig config,
            MeterRegistry metrics,
            ProtectedFieldView protectedFields) {
        this.settings = settings;
        this.channels = channels;
        Indices indices = config.indices();
        this.store = new NotificationStore(elasticsearch, indices);
        this.intake = new AlertIntake(elasticsearch, indices, store, channels, settings);
        ChannelSender sender = new ChannelSender(
                new HttpDelivery(),
                new AlertLinks(config.publicUrl()),
                channels.assets(),
                channels.redactor(),
                protectedFields,
                elasticsearch.mapper());
        Backoff backoff = new Backoff(
                settings.getInitialBackoff(),
                settings.getMaxBackoff(),
                settings.getMaxRetryAfter(),
                () -> ThreadLocalRandom.current().nextDouble());
        for (Channel channel : channels.list()) {
            dispatchers.put(channel.name(), new ChannelDispatcher(channel, store, sender, backoff, settings, metrics));
            signals.put(channel.name(), new Signal());
        }
    }

    @PostConstruct
    void start() {
        if (!settings.isEnabled() || channels.isEmpty()) {
            LOG.info(
                    "Alert notifications: {}",
                    settings.isEnabled() ? "no channel configured (" + channels.file() + ")" : "disabled");
            return;
        }
        running = true;
        LOG.info(
                "Alert notifications to {} channel(s): {}",
                channels.list().size(),
                channels.list().stream()
                        .map(c -> c.name() + " (" + c.type().value() + ")")
                        .toList());
        threads.add(thread("vigil-notify-intake", this::runIntake));
        dispatchers.forEach(
                (name, dispatcher) -> threads.add(thread("vigil-notify-" + name, () -> runChannel(dispatcher))));
        threads.forEach(Thread::start);
    }

    /** A status change was stored: look at once (a closed alert's resolve should not wait for the poll). */
    @EventListener
    public void onStatusChange(AlertStatusChanged change) {
        if (running && change.to() == AlertStatus.CLOSED) {
            intakeSignal.raise();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        intakeSignal.raise();
        signals.values().forEach(Signal::raise);
        // A sender in the middle of a request finishes it (and records the outcome) if it can.
        long waitMs = channels.list().stream()
                        .mapToLong(c -> c.timeout().toMillis())
                        .max()
                        .orElse(0)
                + 2000;
        for (Thread thread : threads) {
            try {
                thread.join(waitMs);
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(2000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void runIntake() {
        boolean templateInstalled = false;
        Failures failures = new Failures("reading alerts for notifications");
        while (running) {
            try {
                if (!templateInstalled) {
                    store.ensureTemplate();
                    templateInstalled = true;
                }
                for (String channel : intake.poll(Instant.now())) {
                    signals.get(channel).raise();
                }
                failures.ok();
            } catch (RuntimeException e) {
                failures.failed(e);
            }
            sleep(intakeSignal, Instant.now().plus(settings.getPollInterval()));
        }
    }

    private void runChannel(ChannelDispatcher dispatcher) {
        Signal signal = signals.get(dispatcher.channel().name());
        Failures failures =
                new Failures("sending to channel " + dispatcher.channel().name());
        while (running) {
            Instant next;
            try {
                next = dispatcher.step(Instant.now());
                failures.ok();
            } catch (RuntimeException e) {
                failures.failed(e);
                next = Instant.now().plus(settings.getPollInterval());
            }
            if (next.isAfter(Instant.now())) {
                sleep(signal, next);
            }
        }
    }

    private void sleep(Signal signal, Instant until) {
        try {
            signal.sleepUntil(until);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Logs the first failure of a streak and its end, not one line per poll while Elasticsearch is away. */
    private final class Failures {
        private final String what;
        private int streak;

        Failures(String what) {
            this.what = what;
        }

        void failed(RuntimeException e) {
            if (streak++ == 0) {
                LOG.warn(
                        "Notifications: failed {} (retrying every {}): {}",
                        what,
                        Durations.format(settings.getPollInterval()),
                        channels.redactor().redact(e.toString()));
            }
        }

        void ok() {
            if (streak > 0) {
                LOG.info("Notifications: {} works again after {} failed attempt(s)", what, streak);
                streak = 0;
            }
        }
    }
}
