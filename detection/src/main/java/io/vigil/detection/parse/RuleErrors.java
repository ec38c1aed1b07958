package io.vigil.detection.parse;

import io.vigil.detection.rule.RuleSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The problems found in one rule file. Parsers run their checks through {@link #attempt} so a
 * failed check is recorded and the rest still run: `./vigil rules validate` reports every
 * problem of a file, not just the first.
 */
public final class RuleErrors {
    /** One independent check of a rule file. */
    @FunctionalInterface
    public interface Part<T> {
        T get() throws RuleSyntaxException;
    }

    private final String file;
    private final List<RuleError> errors = new ArrayList<>();

    public RuleErrors(String file) {
        this.file = file;
    }

    public void add(int line, String message) {
        errors.add(new RuleError(file, line, message));
    }

    /** Records the exception's problem, unless it only says that its parts were recorded already. */
    public void add(RuleSyntaxException e) {
        if (!(e instanceof AlreadyReported)) {
            add(e.line(), e.getMessage());
        }
    }

    /**
     * Thrown to abandon a part whose problems were each recorded already (a selection with two
     * bad fields): it stops the part as any error does, and adds nothing to the list.
     */
    public static final class AlreadyReported extends RuleSyntaxException {
        private static final long serialVersionUID = 1L;

        public AlreadyReported() {
            super(0, "already reported");
        }
    }

    /** Runs one check; a failure is recorded and null stands in for its result. */
    public <T> T attempt(Part<T> part) {
        try {
            return part.get();
        } catch (RuleSyntaxException e) {
            add(e);
            return null;
        }
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public int size() {
        return errors.size();
    }

    public List<RuleError> list() {
        return List.copyOf(errors);
    }
}
