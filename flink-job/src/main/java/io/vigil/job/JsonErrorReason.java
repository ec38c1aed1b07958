package io.vigil.job;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The reason a dead letter gives for bad JSON, without any of the record's text: Jackson's
 * messages quote the offending token ({@code Unrecognized token 'hunter2'}) and, in its location,
 * up to 500 characters of the input, and a reason is shown to every admin who lists dead
 * letters, unredacted by the raw field's rules. What is kept: Jackson's words with every quoted
 * span replaced by an ellipsis and nothing from its source excerpt ({@code [Source: ...}), and
 * the line and column. ("Depth (1001) exceeds the maximum allowed nesting depth (1000 ..." keeps
 * its numbers: they are Jackson's, not the record's.)
 */
final class JsonErrorReason {
    private JsonErrorReason() {}

    static String of(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "malformed" : e.getOriginalMessage();
        int source = message.indexOf("[Source");
        if (source >= 0) {
            message = message.substring(0, source);
        }
        String words = withoutQuotes(message).replaceAll("[\\s:;,(]+$", "").strip();
        if (words.length() > 200) {
            words = words.substring(0, 197) + "...";
        }
        StringBuilder reason = new StringBuilder("invalid JSON: ").append(words.isEmpty() ? "malformed" : words);
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            reason.append(" at line ")
                    .append(at.getLineNr())
                    .append(", column ")
                    .append(at.getColumnNr());
        }
        return reason.toString();
    }

    /** The text with every span between matching quotes (' " `) replaced by an ellipsis; an unclosed one runs to the end. */
    private static String withoutQuotes(String text) {
        StringBuilder out = new StringBuilder(text.length());
        char open = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (open == 0 && (c == '\'' || c == '"' || c == '`')) {
                open = c;
                out.append('\u2026');
            } else if (open != 0 && c == open) {
                open = 0;
            } else if (open == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
