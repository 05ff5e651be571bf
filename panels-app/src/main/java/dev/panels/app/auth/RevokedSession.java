package dev.panels.app.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDateTime;

/**
 * A session ended by back-channel logout. Keyed {@code sid:<sid>} (every token of that session is
 * refused) or {@code sub:<sub>} (tokens of that subject issued up to {@code revokedAt} are refused,
 * when the logout token names no session). Kept until {@code expiresAt}, after which every such
 * token has expired on its own.
 */
@Entity
@Table(name = "revoked_session")
public class RevokedSession {

    public enum Kind { SID, SUB }

    @Id
    @Column(length = 300)
    private String id;

    @Column(nullable = false, length = 10)
    private String kind;

    @Column(name = "revoked_at", nullable = false)
    private LocalDateTime revokedAt;

    @Column(name = "expires_at", nullable = false)
    private LocalDateTime expiresAt;

    protected RevokedSession() {
        // JPA
    }

    RevokedSession(Kind kind, String value, LocalDateTime revokedAt, LocalDateTime expiresAt) {
        this.id = key(kind, value);
        this.kind = kind.name();
        this.revokedAt = revokedAt;
        this.expiresAt = expiresAt;
    }

    static String key(Kind kind, String value) {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + value;
    }

    void renew(LocalDateTime revokedAt, LocalDateTime expiresAt) {
        this.revokedAt = revokedAt;
        this.expiresAt = expiresAt;
    }

    String id() { return id; }
    LocalDateTime revokedAt() { return revokedAt; }
    LocalDateTime expiresAt() { return expiresAt; }
}
