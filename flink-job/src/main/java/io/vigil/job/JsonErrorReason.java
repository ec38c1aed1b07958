package io.vigil.job;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The reason a dead letter gives for bad JSON, without any of the record's text: Jackson's
 * messages quote the offending token ({@code Unrecognized token 'hunter2'}) and, in its location,
 * up to 500 characters of the input, and a reason is shown to every admin who lists dead
 * letters, unredacted by the raw field's rules. What is kept: Jackson's words up to the first
 * quote or bracket, and the line and column.
 */
final class JsonErrorReason {
    private JsonErrorReason() {
    }

    static String of(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "malformed" : e.getOriginalMessage();
        int cut = message.length();
        for (char c : new char[] {'\'', '"', '(', '[', '`'}) {
            int at = message.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        String words = message.substring(0, cut).replaceAll("[\\s:;,]+$", "");
        StringBuilder reason = new StringBuilder("invalid JSON: ").append(words.isEmpty() ? "malformed" : words);
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            reason.append(" at line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr());
        }
        return reason.toString();
    }
}
