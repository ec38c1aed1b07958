package io.vigil.detection.parse;

/** A problem in a rule or test file, printed as {@code file:line: message}. */
public record RuleError(String file, int line, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
