package dev.panels.app.medplum;

import ca.uhn.fhir.context.FhirContext;
import dev.panels.app.worklist.PanelsFhirPath;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.hapi.ctx.HapiWorkerContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;

/** The app's single FHIR R4 context: building it is expensive, using it is thread-safe. */
@ApplicationScoped
public class Fhir {

    /** A FHIR resource id (R4: up to 64 letters, digits, '-' and '.'); anything else is never sent to Medplum. */
    public static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final FhirContext context = FhirContext.forR4();

    public FhirContext context() {
        return context;
    }

    /**
     * HAPI's FHIRPath engine for one request's work, with the app's host services ({@code %today}, date
     * functions); engines and their worker contexts keep caches, so they are not shared across threads.
     */
    public FHIRPathEngine newFhirPath(LocalDate today) {
        return PanelsFhirPath.engine(new HapiWorkerContext(context, context.getValidationSupport()), today);
    }
}
