package dev.panels.app.worklist;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r4.fhirpath.FHIRPathFunctionDefinition;
import org.hl7.fhir.r4.fhirpath.TypeDetails;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.StringType;

import java.util.List;

/**
 * FHIRPath's {@code matches}, {@code matchesFull} and {@code replaceMatches} on RE2/J, whose matching time is linear
 * in the input: HAPI's own versions use {@code java.util.regex}, where a pattern such as {@code (.*a){14}$} backtracks
 * for minutes. Same semantics as HAPI's (dot matches newlines, a single string focus, an empty pattern gives nothing);
 * patterns RE2 cannot express (back-references, look-around) are refused with a clear message.
 * {@link ColumnExpressions} routes the built-in functions here.
 */
final class LinearRegexFunctions {

    private LinearRegexFunctions() {
    }

    static List<FHIRPathFunctionDefinition> all() {
        return List.of(
                HostFunction.of("matches", 1, 1, TypeDetails.FP_Boolean, (focus, params) ->
                        test(focus, params, false)),
                HostFunction.of("matchesFull", 1, 1, TypeDetails.FP_Boolean, (focus, params) ->
                        test(focus, params, true)),
                HostFunction.of("replaceMatches", 2, 2, TypeDetails.FP_String, (focus, params) -> {
                    String regex = HostFunction.first(params, 0);
                    String replacement = HostFunction.first(params, 1);
                    String input = single(focus);
                    if (input == null || regex == null || regex.isEmpty() || replacement == null) {
                        return input == null ? List.of() : List.of(new StringType(input));
                    }
                    return List.of(new StringType(compile(regex).matcher(input).replaceAll(replacement)));
                }));
    }

    private static List<Base> test(List<Base> focus, List<List<Base>> params, boolean whole) {
        String regex = HostFunction.first(params, 0);
        String input = single(focus);
        if (input == null || regex == null || regex.isEmpty()) {
            return focus.size() > 1 ? List.of(new BooleanType(false)) : List.of();
        }
        var matcher = compile(regex).matcher(input);
        return List.of(new BooleanType(!input.isEmpty() && (whole ? matcher.matches() : matcher.find())));
    }

    private static String single(List<Base> focus) {
        return focus.size() == 1 && focus.get(0).isPrimitive() ? focus.get(0).primitiveValue() : null;
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex, Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new FHIRException("the regular expression is not supported (no back-references or look-around): "
                    + e.getDescription());
        }
    }
}
