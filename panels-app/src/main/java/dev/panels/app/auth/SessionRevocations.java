package dev.panels.app.auth;

import dev.panels.app.PanelsConfig;
import dev.panels.app.auth.RevocationCache.Revocation;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import dev.panels.app.metrics.AppMetrics;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * Revoked sessions, in the database so every app node refuses them and a restart forgets nothing. Every request is
 * checked against this node's copy ({@link RevocationCache}), read again at most every {@link #REFRESH}: a logout
 * recorded on any node is refused on every node within that plus one query, and at once on the node that recorded it.
 */
@ApplicationScoped
public class SessionRevocations {

    /** Half the 1 s bound the product promises for a logout to reach every node (SECURITY.md). */
    static final Duration REFRESH = Duration.ofMillis(500);

    @PersistenceContext(unitName = "panels")
    EntityManager em;

    @Inject
    PanelsConfig config;

    @Inject
    Clock clock;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final RevocationCache cache = new RevocationCache(this::loadActive, System::nanoTime, REFRESH);

    @Transactional
    public void revoke(String sid, String subject) {
        LocalDateTime now = utc(clock.instant());
        LocalDateTime until = now.plus(config.revocationTtl());
        RevokedSession.Kind kind = sid != null ? RevokedSession.Kind.SID : RevokedSession.Kind.SUB;
        upsert(kind, sid != null ? sid : subject, now, until);
        em.createQuery("delete from RevokedSession r where r.expiresAt < :now").setParameter("now", now).executeUpdate();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                cache.invalidate();
                if (status == Status.STATUS_COMMITTED) {
                    AppMetrics.revocation(kind.name().toLowerCase(java.util.Locale.ROOT));
                }
            }
        });
    }

    /** True when the token's session was logged out, or its subject was logged out after it was issued. */
    public boolean isRevoked(String sid, String subject, Instant issuedAt) {
        LocalDateTime now = utc(clock.instant());
        if (sid != null) {
            Revocation bySid = cache.get(RevokedSession.key(RevokedSession.Kind.SID, sid));
            if (bySid != null && bySid.expiresAt().isAfter(now)) {
                return true;
            }
        }
        if (subject != null) {
            Revocation bySub = cache.get(RevokedSession.key(RevokedSession.Kind.SUB, subject));
            return bySub != null && bySub.expiresAt().isAfter(now)
                    && (issuedAt == null || !utc(issuedAt).isAfter(bySub.revokedAt()));
        }
        return false;
    }

    private Map<String, Revocation> loadActive() {
        Map<String, Revocation> active = new HashMap<>();
        em.createQuery("select r from RevokedSession r where r.expiresAt > :now", RevokedSession.class)
                .setParameter("now", utc(clock.instant()))
                .getResultList()
                .forEach(r -> active.put(r.id(), new Revocation(r.revokedAt(), r.expiresAt())));
        return active;
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
