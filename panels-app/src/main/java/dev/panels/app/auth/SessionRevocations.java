package dev.panels.app.auth;

import dev.panels.app.PanelsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Revoked sessions, in the database so every app instance refuses them at once and a restart
 * forgets nothing. Checked on every request (two primary-key lookups).
 */
@ApplicationScoped
public class SessionRevocations {

    @PersistenceContext(unitName = "panels")
    EntityManager em;

    @Inject
    PanelsConfig config;

    @Inject
    Clock clock;

    @Transactional
    public void revoke(String sid, String subject) {
        LocalDateTime now = utc(clock.instant());
        LocalDateTime until = now.plus(config.revocationTtl());
        if (sid != null) {
            upsert(RevokedSession.Kind.SID, sid, now, until);
        } else {
            upsert(RevokedSession.Kind.SUB, subject, now, until);
        }
        em.createQuery("delete from RevokedSession r where r.expiresAt < :now").setParameter("now", now).executeUpdate();
    }

    /** True when the token's session was logged out, or its subject was logged out after it was issued. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isRevoked(String sid, String subject, Instant issuedAt) {
        LocalDateTime now = utc(clock.instant());
        if (sid != null) {
            RevokedSession bySid = em.find(RevokedSession.class, RevokedSession.key(RevokedSession.Kind.SID, sid));
            if (bySid != null && bySid.expiresAt().isAfter(now)) {
                return true;
            }
        }
        if (subject != null) {
            RevokedSession bySub = em.find(RevokedSession.class, RevokedSession.key(RevokedSession.Kind.SUB, subject));
            return bySub != null && bySub.expiresAt().isAfter(now)
                    && (issuedAt == null || !utc(issuedAt).isAfter(bySub.revokedAt()));
        }
        return false;
    }

    private void upsert(RevokedSession.Kind kind, String value, LocalDateTime now, LocalDateTime until) {
        RevokedSession existing = em.find(RevokedSession.class, RevokedSession.key(kind, value));
        if (existing == null) {
            em.persist(new RevokedSession(kind, value, now, until));
        } else {
            existing.renew(now, until);
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
