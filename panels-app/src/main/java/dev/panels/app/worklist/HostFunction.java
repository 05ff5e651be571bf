package dev.panels.app.worklist;

import org.hl7.fhir.r4.fhirpath.ExpressionNode.CollectionStatus;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.fhirpath.FHIRPathFunctionDefinition;
import org.hl7.fhir.r4.fhirpath.FHIRPathUtilityClasses.FunctionDetails;
import org.hl7.fhir.r4.fhirpath.TypeDetails;
import org.hl7.fhir.r4.model.Base;

import java.util.List;
import java.util.function.BiFunction;

/** A FHIRPath function the app provides to HAPI's engine (through its host services). */
final class HostFunction {

    private HostFunction() {
    }

    /** {@code body} gets the focus and the evaluated parameters; {@code type} is the FHIRPath type of its result. */
    static FHIRPathFunctionDefinition of(String name, int min, int max, String type,
                                         BiFunction<List<Base>, List<List<Base>>, List<Base>> body) {
        return new FHIRPathFunctionDefinition() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public FunctionDetails details() {
                return new FunctionDetails(name + " (Panels)", min, max);
            }

            @Override
            public TypeDetails check(FHIRPathEngine engine, Object appContext, TypeDetails focus, List<TypeDetails> parameters) {
                return new TypeDetails(CollectionStatus.SINGLETON, type);
            }

            @Override
            public List<Base> execute(FHIRPathEngine engine, Object appContext, List<Base> focus, List<List<Base>> parameters) {
                return body.apply(focus, parameters);
            }
        };
    }

    /** The string value of the first item of parameter {@code index}, or null. */
    static String first(List<List<Base>> params, int index) {
        if (params.size() <= index || params.get(index).isEmpty()) {
            return null;
        }
        Base value = params.get(index).get(0);
        return value.isPrimitive() ? value.primitiveValue() : null;
    }
}
