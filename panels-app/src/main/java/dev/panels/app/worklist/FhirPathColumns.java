package dev.panels.app.worklist;

import dev.panels.app.medplum.Fhir;
import dev.panels.app.panel.ExpressionChecker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;

import java.time.LocalDate;
import java.util.Optional;

/** Column expressions are FHIRPath, parsed by HAPI's own engine: no script engine, no custom parser. */
@ApplicationScoped
public class FhirPathColumns implements ExpressionChecker {

    @Inject
    Fhir fhir;

    @Override
    public Optional<String> problem(String expression) {
        return problem(fhir.newFhirPath(LocalDate.now()), expression);
    }

    static Optional<String> problem(FHIRPathEngine engine, String expression) {
        try {
            ColumnExpressions.compile(engine, expression);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        } catch (Exception e) {
            // The engine's message names the position and the unexpected token; no stack trace leaves.
            String message = e.getMessage() == null ? "is not a valid FHIRPath expression" : e.getMessage();
            return Optional.of("is not valid FHIRPath: " + message);
        }
    }
}
