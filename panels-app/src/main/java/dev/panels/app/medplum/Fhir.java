package dev.panels.app.medplum;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import jakarta.enterprise.context.ApplicationScoped;

/** The app's single FHIR R4 context: building it is expensive, using it is thread-safe. */
@ApplicationScoped
public class Fhir {

    private final FhirContext context = FhirContext.forR4();

    public FhirContext context() {
        return context;
    }

    /** A FHIRPath engine for one request's work (engines keep per-evaluation state). */
    public IFhirPath newFhirPath() {
        return context.newFhirPath();
    }
}
