package io.vigil.query.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.protect.ProtectedFields;
import io.vigil.query.protect.ProtectedFieldView;
import io.vigil.query.search.Page;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns one message (one alert, or a group for Slack) into the channel's request and sends it. */
final class ChannelSender {
    /** A notification about to go out, with the alert as it is now. */
    record Item(DeliveryRecord record, AlertView alert) {}

    private final HttpDelivery http;
    private final AlertLinks links;
    private final AssetGroups assets;
    private final Redactor redactor;
    private final ProtectedFieldView protectedFields;
    private final ObjectMapper mapper;

    ChannelSender(
            HttpDelivery http,
            AlertLinks links,
            AssetGroups assets,
            Redactor redactor,
            ProtectedFieldView protectedFields,
            ObjectMapper mapper) {
        this.http = http;
        this.links = links;
        this.assets = assets;
        this.redactor = redactor;
        this.protectedFields = protectedFields;
        this.mapper = mapper;
    }

    /** The body the channel would receive (for Slack, items may be many; otherwise exactly one). */
    ObjectNode body(Channel channel, List<Item> items) {
        List<AlertView> alerts =
                items.stream().map(i -> shown(channel, i.alert())).toList();
        Item first = items.get(0);
        if (channel.target() instanceof Target.Slack) {
            return SlackMessage.format(alerts, links, mapper);
        }
        if (channel.target() instanceof Target.PagerDuty pd) {
            return first.record().isResolve()
                    ? PagerDutyEvent.resolve(
                            first.record().alertId(), pd.routingKey().value(), mapper)
                    : PagerDutyEvent.trigger(
                            alerts.get(0), pd.routingKey().value(), assets.groupOf(alerts.get(0)), links, mapper);
        }
        return WebhookPayload.body(alerts.get(0), mapper);
    }

    /** The alert as this channel may see it: protected values in clear or masked, as configured. */
    private AlertView shown(Channel channel, AlertView alert) {
        if (!alert.source().has(ProtectedFields.OBJECT)) {
            return alert;
        }
        Map<String, Object> fields = mapper.convertValue(alert.source(), Page.MAP);
        ObjectNode source = mapper.valueToTree(
                protectedFields.alertView(channel.clearValues()).apply(fields));
        return new AlertView(alert.id(), source);
    }

    Outcome send(Channel channel, List<Item> items) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(body(channel, items));
        } catch (JsonProcessingException e) {
            return new Outcome(false, 0, null, true, "cannot write the message: " + e.getOriginalMessage());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String url;
        if (channel.target() instanceof Target.Slack slack) {
            url = slack.url().value();
        } else if (channel.target() instanceof Target.PagerDuty pd) {
            url = pd.url().value();
        } else {
            Target.Webhook webhook = (Target.Webhook) channel.target();
            webhook.headers().forEach((name, value) -> headers.put(name, value.value()));
            headers.put(WebhookPayload.EVENT_HEADER, "alert");
            // The same on every retry of this notification: lets the receiver drop a repeat.
            headers.put(WebhookPayload.DELIVERY_HEADER, items.get(0).record().id());
            if (webhook.hmacSecret() != null) {
                headers.put(
                        WebhookPayload.SIGNATURE_HEADER,
                        WebhookPayload.signature(webhook.hmacSecret().value(), body));
            }
            url = webhook.url().value();
        }
        return http.post(URI.create(url), headers, body, channel.timeout(), redactor);
    }
}
