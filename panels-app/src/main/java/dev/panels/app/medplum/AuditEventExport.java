package dev.panels.app.medplum;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * An audit record still to be written to Medplum as a FHIR AuditEvent: stored in the same transaction as the record,
 * deleted once Medplum has it. Holds the acting user's Medplum token sealed (only the app's keys open it; it opens
 * only until it expires). Given up (kept, with the reason) only when Medplum can no longer accept it as that user.
 */
@Entity
@Table(name = "audit_export")
public class AuditEventExport {

    static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(5);

    @Id
    @Column(name = "audit_id", length = 36)
    private String auditId;

    @Column(name = "sealed_medplum_token", nullable = false, updatable = false, columnDefinition = "TEXT")
    private String sealedMedplumToken;

    @Column(name = "fhir_user", length = 255, updatable = false)
    private String fhirUser;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at")
    private LocalDateTime nextAttemptAt;

    @Column(name = "given_up_at")
    private LocalDateTime givenUpAt;

    @Column(name = "last_error", length = 500)
    private String lastError;

    protected AuditEventExport() {
        // JPA
    }

    AuditEventExport(String auditId, String sealedMedplumToken, String fhirUser, LocalDateTime now) {
        this.auditId = auditId;
        this.sealedMedplumToken = sealedMedplumToken;
        this.fhirUser = fhirUser;
        // the first attempt runs right after commit; the retry schedule only takes over if that one fails
        this.nextAttemptAt = now.plus(FIRST_RETRY);
    }

    /** Medplum did not take it now: try again later, backing off up to {@link #LONGEST_RETRY}. */
    void failed(LocalDateTime now, String error) {
        attempts++;
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 5));
        nextAttemptAt = now.plus(wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait);
        lastError = truncate(error);
    }

    /** Medplum can never accept it as this user (access expired or refused): kept, with why, and no longer tried. */
    void giveUp(LocalDateTime now, String reason) {
        attempts++;
        givenUpAt = now;
        nextAttemptAt = null;
        lastError = truncate(reason);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }

    String auditId() { return auditId; }
    String sealedMedplumToken() { return sealedMedplumToken; }
    String fhirUser() { return fhirUser; }
    int attempts() { return attempts; }
    LocalDateTime nextAttemptAt() { return nextAttemptAt; }
    LocalDateTime givenUpAt() { return givenUpAt; }
    String lastError() { return lastError; }
}
