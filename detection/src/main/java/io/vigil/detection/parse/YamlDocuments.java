package io.vigil.detection.parse;

import io.vigil.common.YamlLoading;
import io.vigil.detection.rule.RuleSyntaxException;
import java.io.StringReader;
import java.util.Iterator;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Composes YAML text into nodes (keeping lines) with {@link YamlLoading}'s settings, turning syntax
 * errors into line-numbered ones.
 */
public final class YamlDocuments {
    private YamlDocuments() {}

    /** The file's single document; a second document or an empty file is an error. */
    public static Node single(String text, String what) throws RuleSyntaxException {
        try {
            Iterator<Node> documents =
                    YamlLoading.composeAll(new StringReader(text)).iterator();
            if (!documents.hasNext()) {
                throw new RuleSyntaxException(1, what + " is empty");
            }
            Node node = documents.next();
            if (node == null) {
                throw new RuleSyntaxException(1, what + " is empty");
            }
            if (documents.hasNext()) {
                Node second = documents.next();
                throw new RuleSyntaxException(
                        YamlMap.line(second),
                        "one " + what.replace("a ", "") + " per file: found a second YAML document");
            }
            return node;
        } catch (MarkedYAMLException e) {
            throw syntax(e);
        } catch (YAMLException e) {
            throw new RuleSyntaxException(0, "YAML syntax: " + e.getMessage());
        }
    }

    /** Every document of the file (Sigma keeps a correlation and the rules it names in one file). */
    public static java.util.List<Node> all(String text) throws RuleSyntaxException {
        try {
            java.util.List<Node> nodes = new java.util.ArrayList<>();
            for (Node node : YamlLoading.composeAll(new StringReader(text))) {
                if (node != null) {
                    nodes.add(node);
                }
            }
            return nodes;
        } catch (MarkedYAMLException e) {
            throw syntax(e);
        } catch (YAMLException e) {
            throw new RuleSyntaxException(0, "YAML syntax: " + e.getMessage());
        }
    }

    private static RuleSyntaxException syntax(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
        return new RuleSyntaxException(mark == null ? 0 : mark.getLine() + 1, "YAML syntax: " + problem.trim());
    }
}
