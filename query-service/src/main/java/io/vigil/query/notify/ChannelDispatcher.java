package io.vigil.query.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.common.AlertStatus;
import io.vigil.common.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one channel's claimed notifications, one step at a time (its own thread calls
 * {@link #step} again at the time it returns, or sooner when woken).
 *
 * <p>A step: unless the channel is backing off or at its rate limit, take what is due (for Slack,
 * everything due within the grouping wait, up to the group size: one message), drop what need not
 * go any more (the alert was acknowledged, closed or deleted meanwhile: {@code skipped}), take the
 * rest over with a guarded update (status {@code sending} with a lease, attempts + 1), send, and
 * record the outcome: {@code delivered}; {@code retry} at a backed-off time; or after the last
 * attempt, or for a refusal no retry fixes, {@code dead} (the channel's dead letter). After a
 * failure the whole channel waits (the receiver is down, not one message), so new alerts queue
 * behind instead of using up the attempts of those already waiting.
 */
final class ChannelDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelDispatcher.class);
    static final String METRIC = "vigil.notifications";
    /** An idle sender looks for work every this many poll intervals (it is woken for new claims). */
    private static final int IDLE_POLLS = 10;

    private final Channel channel;
    private final NotificationStore store;
    private final ChannelSender sender;
    private final Backoff backoff;
    private final NotificationSettings settings;
    private final MeterRegistry metrics;
    private final RateLimiter limiter;
    private Instant blockedUntil = Instant.EPOCH;
    private boolean seeded;

    ChannelDispatcher(
            Channel channel,
            NotificationStore store,
            ChannelSender sender,
            Backoff backoff,
            NotificationSettings settings,
            MeterRegistry metrics) {
        this.channel = channel;
        this.store = store;
        this.sender = sender;
        this.backoff = backoff;
        this.settings = settings;
        this.metrics = metrics;
        this.limiter = new RateLimiter(channel.rateLimit());
    }

    Channel channel() {
        return channel;
    }

    /** @return when to step again (now: at once) */
    Instant step(Instant now) {
        if (!seeded) {
            // After a restart: keep backing off and keep to the rate limit as if nothing had happened.
            blockedUntil = store.retryingUntil(channel.name());
            limiter.seed(store.messagesSince(
                    channel.name(), now.minus(channel.rateLimit().per())));
            seeded = true;
        }
        if (now.isBefore(blockedUntil)) {
            return blockedUntil;
        }
        Instant free = limiter.nextFree(now);
        if (free.isAfter(now)) {
            return free;
        }
        Grouping grouping = channel.grouping();
        List<DeliveryRecord> waiting = store.waiting(channel.name(), now, grouping.max());
        // Nothing waiting, or nothing due yet (a burst still gathering, quiet hours): sleep until
        // the first is due; the intake wakes this sender when it claims something new, and the
        // idle check catches claims of another instance and leases that ran out.
        Instant idleCheck = now.plus(settings.getPollInterval().multipliedBy(IDLE_POLLS));
        if (waiting.isEmpty()) {
            return idleCheck;
        }
        if (waiting.get(0).notBefore().isAfter(now)) {
            Instant first = waiting.get(0).notBefore();
            return first.isBefore(idleCheck) ? first : idleCheck;
        }
        // A group takes what becomes due within its window after the first (they came with it).
        Instant horizon = now.plus(grouping.window());
        List<DeliveryRecord> due =
                waiting.stream().filter(r -> !r.notBefore().isAfter(horizon)).toList();
        Prepared prepared = prepare(grouping.groups() ? due : due.subList(0, 1), now);
        if (prepared.items().isEmpty()) {
            // Skipped or deferred some: look again at once. Changed nothing (every guarded write
            // refused): do not spin against Elasticsearch.
            return prepared.changedSome() ? now : now.plus(settings.getPollInterval());
        }
        send(prepared.items(), now);
        return now;
    }

    /** What goes out in this step, and whether anything else was settled (skipped, deferred). */
    private record Prepared(List<ChannelSender.Item> items, boolean changedSome) {}

    /** Drops what need not go any more, then claims the rest. */
    private Prepared prepare(List<DeliveryRecord> due, Instant now) {
        Map<String, AlertView> alerts =
                store.alerts(due.stream().map(DeliveryRecord::alertId).toList());
        List<DeliveryRecord> toSkip = new ArrayList<>();
        List<ObjectNode> skipReasons = new ArrayList<>();
        List<DeliveryRecord> toDefer = new ArrayList<>();
        List<DeliveryRecord> ready = new ArrayList<>();
        Map<String, DeliveryRecord> triggers = store.find(due.stream()
                .filter(DeliveryRecord::isResolve)
                .map(r -> DeliveryRecord.triggerId(channel.name(), r.alertId()))
                .toList());
        for (DeliveryRecord record : due) {
            AlertView alert = alerts.get(record.alertId());
            String reason = null;
            if (record.isResolve()) {
                DeliveryRecord trigger = triggers.get(DeliveryRecord.triggerId(channel.name(), record.alertId()));
                DeliveryStatus triggerStatus = trigger == null ? DeliveryStatus.SKIPPED : trigger.status();
                if (triggerStatus == DeliveryStatus.DEAD || triggerStatus == DeliveryStatus.SKIPPED) {
                    reason = "its trigger was not delivered (" + triggerStatus.value() + ")";
                } else if (triggerStatus != DeliveryStatus.DELIVERED) {
                    toDefer.add(record); // the trigger is still on its way: the resolve follows it
                    continue;
                }
            } else if (alert == null) {
                reason = "the alert no longer exists";
            } else if (alert.status() != AlertStatus.OPEN) {
                reason = "the alert was " + alert.status().value() + " before the notification went out";
            }
            if (reason != null) {
                toSkip.add(record);
                ObjectNode partial = store.newDocument();
                partial.put(DeliveryRecord.STATUS, DeliveryStatus.SKIPPED.value());
                partial.put(DeliveryRecord.REASON, reason);
                partial.put(DeliveryRecord.UPDATED_AT, now.toString());
                skipReasons.add(partial);
            } else {
                ready.add(record);
            }
        }
        List<DeliveryRecord> skippedNow = store.updateIfUnchanged(toSkip, skipReasons);
        for (DeliveryRecord skipped : skippedNow) {
            count("skipped");
            LOG.info(
                    "Notification {} skipped: {}",
                    skipped.id(),
                    skipReasons
                            .get(toSkip.indexOf(skipped))
                            .path(DeliveryRecord.REASON)
                            .asText());
        }
        List<DeliveryRecord> deferred = store.updateIfUnchanged(
                toDefer,
                toDefer.stream()
                        .map(r -> {
                            ObjectNode partial = store.newDocument();
                            partial.put(
                                    DeliveryRecord.NOT_BEFORE,
                                    now.plus(settings.getPollInterval()).toString());
                            return partial;
                        })
                        .toList());
        boolean changedSome = !skippedNow.isEmpty() || !deferred.isEmpty();
        if (ready.isEmpty()) {
            return new Prepared(List.of(), changedSome);
        }
        String messageId = UUID.randomUUID().toString();
        Duration lease = settings.getLease().compareTo(channel.timeout().plusSeconds(30)) > 0
                ? settings.getLease()
                : channel.timeout().plusSeconds(30);
        List<ObjectNode> claims = new ArrayList<>();
        for (DeliveryRecord record : ready) {
            ObjectNode partial = store.newDocument();
            partial.put(DeliveryRecord.STATUS, DeliveryStatus.SENDING.value());
            partial.put(DeliveryRecord.LEASE_UNTIL, now.plus(lease).toString());
            partial.put(DeliveryRecord.ATTEMPTS, record.attempts() + 1);
            partial.put(DeliveryRecord.MESSAGE_ID, messageId);
            partial.put(DeliveryRecord.MESSAGE_SIZE, ready.size());
            partial.put(DeliveryRecord.UPDATED_AT, now.toString());
            claims.add(partial);
        }
        List<ChannelSender.Item> items = new ArrayList<>();
        for (DeliveryRecord claimed : store.updateIfUnchanged(ready, claims)) {
            AlertView alert =
                    alerts.getOrDefault(claimed.alertId(), new AlertView(claimed.alertId(), store.newDocument()));
            items.add(new ChannelSender.Item(claimed, alert));
        }
        return new Prepared(items, changedSome);
    }

    private void send(List<ChannelSender.Item> items, Instant now) {
        limiter.record(Instant.now()); // the request's own time: preparing it may have taken a while
        Outcome outcome = sender.send(channel, items);
        Instant done = Instant.now();
        List<String> ids = items.stream().map(i -> i.record().id()).toList();
        List<ObjectNode> partials = new ArrayList<>();
        if (outcome.delivered()) {
            for (int i = 0; i < items.size(); i++) {
                ObjectNode partial = store.newDocument();
                partial.put(DeliveryRecord.STATUS, DeliveryStatus.DELIVERED.value());
                partial.put(DeliveryRecord.DELIVERED_AT, done.toString());
                partial.put(DeliveryRecord.HTTP_STATUS, outcome.status());
                partial.put(DeliveryRecord.UPDATED_AT, done.toString());
                partials.add(partial);
                count("delivered");
            }
            record(ids, partials);
            LOG.info(
                    "Channel {}: delivered {} notification(s) ({})",
                    channel.name(),
                    items.size(),
                    items.size() == 1 ? items.get(0).record().id() : "grouped");
            return;
        }
        int attempts =
                items.stream().mapToInt(i -> i.record().attempts() + 1).max().orElse(1);
        Duration delay = backoff.after(attempts, outcome.retryAfter());
        blockedUntil = done.plus(delay);
        int dead = 0;
        for (ChannelSender.Item item : items) {
            int made = item.record().attempts() + 1;
            boolean last = outcome.permanent() || made >= settings.getMaxAttempts();
            ObjectNode partial = store.newDocument();
            partial.put(DeliveryRecord.STATUS, (last ? DeliveryStatus.DEAD : DeliveryStatus.RETRY).value());
            partial.put(DeliveryRecord.LAST_ERROR, outcome.error());
            partial.put(DeliveryRecord.HTTP_STATUS, outcome.status());
            partial.put(DeliveryRecord.UPDATED_AT, done.toString());
            if (last) {
                partial.put(
                        DeliveryRecord.REASON,
                        outcome.permanent() ? "refused by the receiver" : "no success after " + made + " attempts");
                dead++;
                count("dead");
                LOG.warn(
                        "Channel {}: notification {} is a dead letter after {} attempt(s): {}",
                        channel.name(),
                        item.record().id(),
                        made,
                        outcome.error());
            } else {
                partial.put(DeliveryRecord.NOT_BEFORE, blockedUntil.toString());
                count("retry");
            }
            partials.add(partial);
        }
        record(ids, partials);
        if (dead < items.size()) {
            LOG.warn(
                    "Channel {}: {} ({} notification(s)); next attempt in {}",
                    channel.name(),
                    outcome.error(),
                    items.size() - dead,
                    Durations.format(delay));
        }
    }

    /**
     * Writes the outcome, trying a few times: if it is lost, the claim's lease runs out and the
     * notification is sent again, so a short Elasticsearch hiccup must not cost a duplicate.
     */
    private void record(List<String> ids, List<ObjectNode> partials) {
        for (int attempt = 1; ; attempt++) {
            try {
                store.update(ids, partials);
                return;
            } catch (RuntimeException e) {
                if (attempt == 5) {
                    throw e;
                }
                try {
                    Thread.sleep(1000L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void count(String outcome) {
        metrics.counter(METRIC, "channel", channel.name(), "outcome", outcome).increment();
    }
}
