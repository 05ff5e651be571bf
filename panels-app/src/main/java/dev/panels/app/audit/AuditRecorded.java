package dev.panels.app.audit;

/**
 * Fired for every audit record; observers act only once its transaction has committed. Carries the
 * caller's Medplum token (in memory only) so the record can be written to Medplum as the caller.
 */
public record AuditRecorded(AuditRecord record, String medplumToken, String fhirUser) {
}
