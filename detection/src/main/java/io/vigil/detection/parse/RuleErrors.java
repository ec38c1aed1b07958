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

    /** Records the exception's problem; one without a message stands for parts reported already. */
    public void add(RuleSyntaxException e) {
        if (e.getMessage() != null) {
            add(e.line(), e.getMessage());
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
