package dev.panels.app.worklist;

import org.hl7.fhir.r4.context.IWorkerContext;
import org.hl7.fhir.r4.fhirpath.BaseHostServices;
import org.hl7.fhir.r4.fhirpath.ExpressionNode.CollectionStatus;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.fhirpath.TypeDetails;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.utilities.fhirpath.FHIRPathConstantEvaluationMode;

import java.time.LocalDate;
import java.util.List;

/**
 * HAPI's FHIRPath engine (the one behind {@code FhirContext.newFhirPath()}), with the host services the
 * columns need: {@code %today}, the original's date functions, and linear-time regular expressions. No references are resolved and no
 * terminology is reached: an expression sees only the row it is given.
 */
public final class PanelsFhirPath {

    private PanelsFhirPath() {
    }

    public static FHIRPathEngine engine(IWorkerContext worker, LocalDate today) {
        FHIRPathEngine engine = new FHIRPathEngine(worker);
        Host host = new Host(worker, today);
        DateFunctions.all().forEach(host::registerFunction);
        LinearRegexFunctions.all().forEach(host::registerFunction);
        engine.setHostServices(host);
        return engine;
    }

    private static final class Host extends BaseHostServices {
        private final LocalDate today;

        Host(IWorkerContext worker, LocalDate today) {
            super(worker);
            this.today = today;
        }

        @Override
        public List<Base> resolveConstant(FHIRPathEngine engine, Object appContext, String name, FHIRPathConstantEvaluationMode mode) {
            String bare = name.startsWith("%") ? name.substring(1) : name;
            return "today".equals(bare) ? List.of(new DateType(java.sql.Date.valueOf(today))) : List.of();
        }

        @Override
        public TypeDetails resolveConstantType(FHIRPathEngine engine, Object appContext, String name, FHIRPathConstantEvaluationMode mode) {
            return new TypeDetails(CollectionStatus.SINGLETON, TypeDetails.FP_DateTime);
        }

        @Override
        public boolean log(String argument, List<Base> focus) {
            return false;
        }

        @Override
        public Base resolveReference(FHIRPathEngine engine, Object appContext, String url, Base refContext) {
            return null;
        }

        @Override
        public boolean conformsToProfile(FHIRPathEngine engine, Object appContext, Base item, String url) {
            return false;
        }

        @Override
        public ValueSet resolveValueSet(FHIRPathEngine engine, Object appContext, String url) {
            return null;
        }

        @Override
        public boolean paramIsType(String name, int index) {
            return false;
        }
    }
}
