package io.vigil.detection.condition;

import io.vigil.detection.rule.RuleSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sigma's {@code condition} expression over named selections:
 *
 * <pre>
 * expr    := and ('or' and)*
 * and     := not ('and' not)*
 * not     := 'not' not | primary
 * primary := '(' expr ')' | quantity 'of' (pattern | 'them') | selection-name
 * quantity:= '1' | 'any' | 'all' | N
 * </pre>
 *
 * {@code not} binds tighter than {@code and}, which binds tighter than {@code or}. Patterns
 * use {@code *} as a wildcard; {@code them} means every selection whose name does not start
 * with an underscore (Sigma's convention for helper selections).
 */
public final class ConditionParser {
    private final String text;
    private final Map<String, Condition> selections;
    private final int line;
    private final List<String> tokens;
    private int position;

    private ConditionParser(String text, Map<String, Condition> selections, int line) {
        this.text = text;
        this.selections = selections;
        this.line = line;
        this.tokens = tokenize(text);
    }

    /**
     * @param selections the named selections, in definition order
     * @param line       the condition's line, for errors
     */
    public static Condition parse(String text, Map<String, Condition> selections, int line) throws RuleSyntaxException {
        ConditionParser parser = new ConditionParser(text, selections, line);
        if (parser.tokens.isEmpty()) {
            throw new RuleSyntaxException(line, "condition is empty");
        }
        Condition condition = parser.or();
        if (parser.position < parser.tokens.size()) {
            throw parser.error("unexpected '" + parser.tokens.get(parser.position) + "'");
        }
        return condition;
    }

    private Condition or() throws RuleSyntaxException {
        List<Condition> parts = new ArrayList<>();
        parts.add(and());
        while (accept("or")) {
            parts.add(and());
        }
        return Condition.or(parts);
    }

    private Condition and() throws RuleSyntaxException {
        List<Condition> parts = new ArrayList<>();
        parts.add(not());
        while (accept("and")) {
            parts.add(not());
        }
        return Condition.and(parts);
    }

    private Condition not() throws RuleSyntaxException {
        if (accept("not")) {
            return Condition.not(not());
        }
        return primary();
    }

    private Condition primary() throws RuleSyntaxException {
        if (position >= tokens.size()) {
            throw error("ends too early: a selection name, 'not', '(' or 'N of' is missing");
        }
        String token = tokens.get(position++);
        if (token.equals("(")) {
            Condition inner = or();
            if (!accept(")")) {
                throw error("missing ')'");
            }
            return inner;
        }
        if (position < tokens.size() && tokens.get(position).equalsIgnoreCase("of")) {
            position++;
            return quantified(token);
        }
        String lower = token.toLowerCase(Locale.ROOT);
        if (token.equals(")") || lower.equals("and") || lower.equals("or") || lower.equals("of")) {
            throw error("expected a selection name, got '" + token + "'");
        }
        Condition selection = selections.get(token);
        if (selection == null) {
            throw error("unknown selection '" + token + "' (defined: " + String.join(", ", selections.keySet()) + ")");
        }
        return selection;
    }

    private Condition quantified(String quantity) throws RuleSyntaxException {
        if (position >= tokens.size()) {
            throw error("'" + quantity + " of' needs a selection pattern or 'them'");
        }
        String target = tokens.get(position++);
        List<Condition> matched = new ArrayList<>();
        if (target.equalsIgnoreCase("them")) {
            selections.forEach((name, c) -> {
                if (!name.startsWith("_")) {
                    matched.add(c);
                }
            });
        } else {
            Pattern pattern = Pattern.compile(globToRegex(target));
            selections.forEach((name, c) -> {
                if (pattern.matcher(name).matches()) {
                    matched.add(c);
                }
            });
        }
        if (matched.isEmpty()) {
            throw error(
                    "'" + target + "' matches no selection (defined: " + String.join(", ", selections.keySet()) + ")");
        }
        String q = quantity.toLowerCase(Locale.ROOT);
        int n;
        if (q.equals("all")) {
            n = matched.size();
        } else if (q.equals("any")) {
            n = 1;
        } else {
            try {
                n = Integer.parseInt(q);
            } catch (NumberFormatException e) {
                throw error("'" + quantity + " of': the quantity must be 1, any, all or a number");
            }
            if (n < 1 || n > matched.size()) {
                throw error("'" + quantity + " of " + target + "': only " + matched.size() + " selection(s) match");
            }
        }
        return Condition.atLeast(n, matched);
    }

    private boolean accept(String keyword) {
        if (position < tokens.size() && tokens.get(position).equalsIgnoreCase(keyword)) {
            position++;
            return true;
        }
        return false;
    }

    private RuleSyntaxException error(String message) {
        return new RuleSyntaxException(line, "condition '" + text + "': " + message);
    }

    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == ')' || Character.isWhitespace(c)) {
                if (word.length() > 0) {
                    tokens.add(word.toString());
                    word.setLength(0);
                }
                if (c != ' ' && !Character.isWhitespace(c)) {
                    tokens.add(String.valueOf(c));
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            tokens.add(word.toString());
        }
        return tokens;
    }

    private static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        String[] parts = glob.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return regex.toString();
    }
}
