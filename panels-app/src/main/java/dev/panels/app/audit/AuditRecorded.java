package dev.panels.app.audit;

/**
 * Fired for every audit record, inside the transaction that writes it: observers may add to that transaction
 * (the Medplum export queue does) or act once it has committed. Carries the caller's Medplum token still sealed, as
 * Keycloak sealed it, so the record can be written to Medplum as the caller, now or after a Medplum outage.
 */
public record AuditRecorded(AuditRecord record, String sealedMedplumToken, String fhirUser) {
}
