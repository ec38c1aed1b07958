package io.vigil.query.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Slack incoming-webhook message for one alert or a group of them. Blocks inside attachments,
 * because only an attachment has a colour bar (the severity's); {@code text} is what the phone
 * notification and screen readers show. Every value from an alert is escaped for Slack's mrkdwn
 * ({@code & < >}), so a host name or rule title can neither forge a link nor mention a channel.
 */
final class SlackMessage {
    static final Map<Severity, String> COLOURS = new EnumMap<>(Map.of(
            Severity.CRITICAL, "#d32f2f",
            Severity.HIGH, "#f57c00",
            Severity.MEDIUM, "#fbc02d",
            Severity.LOW, "#1976d2"));
    private static final int MAX_SUMMARY = 1000;
    private static final int MAX_TITLE = 200;

    private SlackMessage() {}

    static ObjectNode format(List<AlertView> alerts, AlertLinks links, ObjectMapper mapper) {
        return alerts.size() == 1 ? single(alerts.get(0), links, mapper) : group(alerts, links, mapper);
    }

    private static ObjectNode single(AlertView a, AlertLinks links, ObjectMapper mapper) {
        ObjectNode message = mapper.createObjectNode();
        message.put("text", plainLine(a));
        ObjectNode attachment = message.putArray("attachments").addObject();
        attachment.put("color", COLOURS.get(a.severity()));
        attachment.put("fallback", plainLine(a));
        ArrayNode blocks = attachment.putArray("blocks");
        String heading = "*" + link(links.of(a.id()), a.title()) + "*";
        if (a.summary() != null && !a.summary().isBlank()) {
            heading += "\n" + escape(cut(a.summary(), MAX_SUMMARY));
        }
        section(blocks, heading);
        ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
        field(fields, "Severity", a.severity().name());
        field(fields, "Host", a.host() == null ? "–" : escape(a.host()));
        field(fields, "Rule", a.ruleId() == null ? "–" : "`" + escape(a.ruleId()) + "`");
        field(fields, "Count", Long.toString(a.count()));
        ArrayNode context = blocks.addObject().put("type", "context").putArray("elements");
        StringBuilder seen = new StringBuilder("First seen " + escape(String.valueOf(a.firstSeen())) + " · last seen "
                + escape(String.valueOf(a.lastSeen())));
        if (!a.tags().isEmpty()) {
            seen.append(" · ").append(escape(String.join(", ", a.tags())));
        }
        context.addObject().put("type", "mrkdwn").put("text", seen.toString());
        ObjectNode button =
                blocks.addObject().put("type", "actions").putArray("elements").addObject();
        button.put("type", "button");
        button.putObject("text").put("type", "plain_text").put("text", "Open in Vigil");
        button.put("url", links.of(a.id()));
        return message;
    }

    /** One message for a burst: a count by severity on top, then one coloured line per alert. */
    private static ObjectNode group(List<AlertView> alerts, AlertLinks links, ObjectMapper mapper) {
        Map<Severity, Long> bySeverity = alerts.stream()
                .collect(Collectors.groupingBy(
                        AlertView::severity, () -> new EnumMap<>(Severity.class), Collectors.counting()));
        String counts = bySeverity.entrySet().stream()
                .sorted(Map.Entry.<Severity, Long>comparingByKey().reversed())
                .map(e -> e.getValue() + " " + e.getKey().name())
                .collect(Collectors.joining(", "));
        ObjectNode message = mapper.createObjectNode();
        message.put("text", alerts.size() + " new Vigil alerts: " + counts);
        ArrayNode blocks = message.putArray("blocks");
        section(blocks, "*" + alerts.size() + " new alerts* (" + counts + ") · <" + links.home() + "|all alerts>");
        ArrayNode attachments = message.putArray("attachments");
        for (AlertView a : alerts) {
            ObjectNode attachment = attachments.addObject();
            attachment.put("color", COLOURS.get(a.severity()));
            attachment.put("fallback", plainLine(a));
            String line = "*" + link(links.of(a.id()), a.title()) + "* · "
                    + a.severity().name()
                    + " · host " + (a.host() == null ? "–" : "`" + escape(a.host()) + "`")
                    + " · rule " + (a.ruleId() == null ? "–" : "`" + escape(a.ruleId()) + "`")
                    + " · count " + a.count();
            section(attachment.putArray("blocks"), line);
        }
        return message;
    }

    /** {@code [CRITICAL] SSH brute force on web-01 (12 events)}: plain, for notifications and fallbacks. */
    static String plainLine(AlertView a) {
        return "[" + a.severity().name() + "] " + escape(cut(a.title(), MAX_TITLE))
                + (a.host() == null ? "" : " on " + escape(a.host()))
                + " (" + a.count() + (a.count() == 1 ? " event)" : " events)");
    }

    /** Slack's own escaping of mrkdwn text; nothing else is needed or decoded. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String link(String url, String title) {
        // '|' ends a link's URL part in Slack; it may not appear in the label either.
        return "<" + url + "|" + escape(cut(title, MAX_TITLE)).replace("|", "¦") + ">";
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        blocks.addObject()
                .put("type", "section")
                .putObject("text")
                .put("type", "mrkdwn")
                .put("text", mrkdwn);
    }

    private static void field(ArrayNode fields, String name, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", "*" + name + "*\n" + value);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
