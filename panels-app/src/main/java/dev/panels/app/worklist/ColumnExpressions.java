package dev.panels.app.worklist;

import org.hl7.fhir.r4.fhirpath.ExpressionNode;
import org.hl7.fhir.r4.fhirpath.ExpressionNode.Function;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;

import java.util.EnumSet;
import java.util.Set;

/**
 * A column's FHIRPath, parsed once with HAPI's engine and made safe to run on every row: its syntax tree may not be
 * deeper than {@value #MAX_DEPTH} or larger than {@value #MAX_NODES} nodes (the text is capped at save time), and
 * the regular-expression functions run on {@link LinearRegexFunctions} instead of {@code java.util.regex}.
 */
final class ColumnExpressions {

    static final int MAX_DEPTH = 32;
    static final int MAX_NODES = 250;
    private static final Set<Function> REGEX = EnumSet.of(Function.Matches, Function.MatchesFull, Function.ReplaceMatches);

    private ColumnExpressions() {
    }

    /** @throws IllegalArgumentException (or the engine's exception for bad syntax) saying what is wrong */
    static ExpressionNode compile(FHIRPathEngine engine, String expression) {
        ExpressionNode root = engine.parse(expression);
        int[] nodes = {0};
        visit(root, 1, nodes);
        return root;
    }

    private static void visit(ExpressionNode node, int depth, int[] nodes) {
        if (node == null) {
            return;
        }
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("is nested too deeply (more than " + MAX_DEPTH + " levels)");
        }
        if (++nodes[0] > MAX_NODES) {
            throw new IllegalArgumentException("is too complex (more than " + MAX_NODES + " parts)");
        }
        if (node.getKind() == ExpressionNode.Kind.Function && REGEX.contains(node.getFunction())) {
            // the node keeps its name ("matches", …): as a custom function the engine calls the host's version
            node.setFunction(Function.Custom);
        }
        if (node.getParameters() != null) {
            for (ExpressionNode parameter : node.getParameters()) {
                visit(parameter, depth + 1, nodes);
            }
        }
        visit(node.getGroup(), depth + 1, nodes);
        visit(node.getInner(), depth + 1, nodes);
        visit(node.getOpNext(), depth, nodes);
    }
}
