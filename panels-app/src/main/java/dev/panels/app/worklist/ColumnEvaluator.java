package dev.panels.app.worklist;

import dev.panels.app.panel.ColumnType;
import dev.panels.app.panel.WorklistPlan.ColumnSpec;
import dev.panels.app.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.fhirpath.ExpressionNode;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Reference;

import dev.panels.app.problem.ProblemException;
import dev.panels.app.problem.ProblemType;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes a row's cells with HAPI's FHIRPath engine. An expression starting with a resource type
 * ({@code Patient.name…}, {@code Task.where(…)}) is evaluated on the row's resources of that type;
 * any other expression on the primary resource; the original's {@code entry.resource.ofType(T).…}
 * form works too. {@code %today} and the date functions come from {@link PanelsFhirPath}. A failing
 * cell is reported with the row, never fails the page; a page whose cells exceed the time budget fails with
 * {@code column-evaluation-timeout}, naming the column.
 */
public final class ColumnEvaluator {

    private static final Pattern ROOT = Pattern.compile("^\\s*([A-Z][A-Za-z]+)\\b");
    /** The original system's bundle-level form, {@code entry.resource.ofType(Task).…}. */
    private static final Pattern OF_TYPE = Pattern.compile("^\\s*entry\\.resource\\.ofType\\(([A-Z][A-Za-z]+)\\)");

    private final FHIRPathEngine engine;
    private final Map<String, ExpressionNode> parsed = new HashMap<>();
    private final Duration budget;
    private final long deadline;

    /** {@code budget}: how long all cells of this evaluator (one page) may take together. */
    public ColumnEvaluator(FHIRPathEngine engine, Duration budget) {
        this.engine = engine;
        this.budget = budget;
        this.deadline = System.nanoTime() + budget.toNanos();
    }

    public record Cell(JsonValue value, String error) {
    }

    public Cell evaluate(Row row, ColumnSpec column) {
        Base target = row.primary();
        String expression = column.expression();
        // FHIRPath names types with a capital letter; at the root that is the resource the path starts
        // from. Related resources (a patient's Tasks) are evaluated as one collection, so count(),
        // where() and exists() see all of them: Task.x becomes entry.resource.x over a Bundle holding only
        // those resources (HAPI's engine has no type definitions for ofType() without a validation context).
        String type = null;
        int rootEnd = 0;
        boolean bundleForm = false;
        Matcher ofType = OF_TYPE.matcher(expression);
        Matcher root = ROOT.matcher(expression);
        if (ofType.find()) {
            type = ofType.group(1);
            rootEnd = ofType.end();
            bundleForm = true;
        } else if (root.find()) {
            type = root.group(1);
            rootEnd = root.end(1);
        }
        if (type != null && (bundleForm || !type.equals(row.primary().fhirType()))) {
            Bundle related = new Bundle();
            row.ofType(type).forEach(r -> related.addEntry().setResource(r));
            target = related;
            expression = "entry.resource" + expression.substring(rootEnd);
        }
        Cell cell;
        try {
            ExpressionNode node = parsed.computeIfAbsent(expression, e -> ColumnExpressions.compile(engine, e));
            cell = new Cell(toJson(engine.evaluate(target, node), column.type()), null);
        } catch (RuntimeException e) {
            cell = new Cell(JsonValue.NULL, "cannot evaluate: " + e.getMessage());
        }
        if (System.nanoTime() - deadline > 0) {
            // The page's budget ran out in this column: stop here rather than keep the server busy for nobody.
            throw new ProblemException(ProblemType.COLUMN_EVALUATION_TIMEOUT, "Column '" + column.label()
                    + "' took too long to compute (this page may take " + budget.toMillis() + " ms); ask an editor to simplify it.");
        }
        return cell;
    }

    static JsonValue toJson(List<? extends IBase> results, ColumnType type) {
        if (type == ColumnType.MULTI_SELECT) {
            JsonArrayBuilder array = Jsonp.createArrayBuilder();
            results.forEach(r -> array.add(scalar(r, type)));
            return array.build();
        }
        return results.isEmpty() ? JsonValue.NULL : scalar(results.get(0), type);
    }

    static JsonValue scalar(IBase value, ColumnType type) {
        String text = text(value);
        if (text == null) {
            return JsonValue.NULL;
        }
        if (type == ColumnType.NUMBER) {
            try {
                return Jsonp.createValue(new BigDecimal(text));
            } catch (NumberFormatException e) {
                return Jsonp.createValue(text);
            }
        }
        if (type == ColumnType.BOOLEAN && (text.equals("true") || text.equals("false"))) {
            return Boolean.parseBoolean(text) ? JsonValue.TRUE : JsonValue.FALSE;
        }
        return Jsonp.createValue(text);
    }

    /** Primitives as their FHIR string form; common complex types as what a person reads. */
    static String text(IBase value) {
        if (value instanceof IPrimitiveType<?> primitive) {
            return primitive.getValueAsString();
        }
        if (value instanceof HumanName name) {
            return name.hasText() ? name.getText() : name.getNameAsSingleString();
        }
        if (value instanceof CodeableConcept concept) {
            return concept.hasText() ? concept.getText()
                    : concept.getCoding().stream().map(ColumnEvaluator::coding).findFirst().orElse(null);
        }
        if (value instanceof Coding coding) {
            return coding(coding);
        }
        if (value instanceof Reference reference) {
            return reference.hasDisplay() ? reference.getDisplay() : reference.getReference();
        }
        return value == null ? null : value.fhirType();
    }

    private static String coding(Coding coding) {
        return coding.hasDisplay() ? coding.getDisplay() : coding.getCode();
    }
}
