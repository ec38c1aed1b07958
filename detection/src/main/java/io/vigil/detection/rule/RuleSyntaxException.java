package io.vigil.detection.rule;

/**
 * A mistake in a rule or test file, at a line (1-based; 0 when the file as a whole is wrong).
 * The loader turns it into {@code file:line: message}, the form editors and CI logs link.
 */
public class RuleSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    public RuleSyntaxException(int line, String message) {
        super(message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
