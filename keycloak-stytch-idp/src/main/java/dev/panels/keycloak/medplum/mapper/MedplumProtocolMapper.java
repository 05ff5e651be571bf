package dev.panels.keycloak.medplum.mapper;

import dev.panels.keycloak.medplum.client.MedplumException;
import dev.panels.keycloak.medplum.client.MedplumToken;
import dev.panels.keycloak.medplum.client.MedplumTokenCache;
import dev.panels.keycloak.medplum.client.MedplumTokenClient;

import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;
import org.keycloak.vault.VaultStringSecret;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts {@code fhirUser}, {@code medplum_project} and {@code medplum_token} into the access token only (never the
 * ID token, userinfo or introspection). The Medplum token comes from token exchange (per user session, cached in
 * the session's notes) or from the organization's ClientApplication (client credentials, cached per organization
 * on this node). Any Medplum failure leaves the claims out, is logged and recorded as a Keycloak event (see
 * {@link MedplumEvents}); sign-in and refresh always succeed.
 */
public final class MedplumProtocolMapper extends AbstractOIDCProtocolMapper implements OIDCAccessTokenMapper {

    public static final String PROVIDER_ID = "panels-medplum-token-mapper";
    public static final String CLAIM_FHIR_USER = "fhirUser";
    public static final String CLAIM_PROJECT = "medplum_project";
    public static final String CLAIM_TOKEN = "medplum_token";
    /** Session note naming why the claims are missing ("clinical data unavailable"), for support and audit. */
    public static final String NOTE_UNAVAILABLE = "medplum.unavailable";
    /** Purposes of sealed values: the claim panels-app opens, and the session notes only Keycloak opens. */
    public static final String SEALED_CLAIM = "medplum-token";
    static final String SEALED_NOTE = "medplum-session";
    /** How long Medplum's refresh tokens live by default: the sealed note need not outlive it. */
    private static final java.time.Duration REFRESH_LIFETIME = java.time.Duration.ofDays(14);

    private static final Logger LOG = Logger.getLogger(MedplumProtocolMapper.class);
    private static final Map<String, MedplumToken> ORGANIZATION_TOKENS = new ConcurrentHashMap<>();
    /** One HTTP client (connection pool, breaker) per Medplum base URL and its settings, shared by all token requests. */
    private static final Map<String, MedplumTokenClient> CLIENTS = new ConcurrentHashMap<>();
    private static final List<ProviderConfigProperty> CONFIG = MapperConfig.properties();

    private final MedplumEvents events;

    /** Keycloak's instance: outcomes go to the realm's event store and listeners. */
    public MedplumProtocolMapper() {
        this(MedplumEvents.KEYCLOAK);
    }

    MedplumProtocolMapper(MedplumEvents events) {
        this.events = events;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getDisplayType() {
        return "Medplum token (Panels)";
    }

    @Override
    public String getHelpText() {
        return "Adds fhirUser, medplum_project and a per-user Medplum access token to the access token only.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public AccessToken transformAccessToken(AccessToken token, ProtocolMapperModel model, KeycloakSession session,
                                            UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        String mode = model.getConfig() == null ? null : model.getConfig().get(MedplumSettings.MODE);
        try {
            MedplumSettings settings = MedplumSettings.from(model.getConfig(), value -> vault(session, value));
            mode = settings.mode().value;
            Renewal renewal = apply(token, settings, session, userSession);
            // Keycloak persists the user session on every removeNote, present or not: only a note that is there is
            // removed, so a refresh with the Medplum token cached writes nothing.
            if (userSession.getNote(NOTE_UNAVAILABLE) != null) {
                userSession.removeNote(NOTE_UNAVAILABLE);
            }
            if (renewal.renewed()) {
                events.obtained(session, userSession, clientSessionCtx, mode, renewal.project(), renewal.fhirUser());
            }
        } catch (MedplumException | IllegalArgumentException e) {
            unavailable(session, userSession, clientSessionCtx, mode, e.getMessage());
        } catch (RuntimeException e) {
            // Never break sign-in; the type is enough to find the cause, the message may hold request data.
            unavailable(session, userSession, clientSessionCtx, mode, "unexpected " + e.getClass().getName());
        }
        return token;
    }

    /** What {@link #apply} did: whether Medplum was called for a new token, and for whom. */
    private record Renewal(boolean renewed, String project, String fhirUser) {
    }

    /** The claims are for the access token alone: ID token, userinfo and introspection stay without them. */
    @Override
    public IDToken transformIDToken(IDToken token, ProtocolMapperModel model, KeycloakSession session,
                                    UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        return token;
    }

    @Override
    public AccessToken transformUserInfoToken(AccessToken token, ProtocolMapperModel model, KeycloakSession session,
                                              UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        return token;
    }

    @Override
    public AccessToken transformIntrospectionToken(AccessToken token, ProtocolMapperModel model, KeycloakSession session,
                                                   UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        return token;
    }

    private Renewal apply(AccessToken token, MedplumSettings s, KeycloakSession session, UserSessionModel userSession)
            throws MedplumException {
        String orgId = userSession.getNote(s.organizationNote());
        if (orgId == null || orgId.isBlank()) {
            throw new MedplumException("this sign-in carries no Stytch organization (user-session note " + s.organizationNote() + ")");
        }
        MedplumSettings.Organization org = s.organization(orgId).orElseThrow(() -> new MedplumException(
                "no Medplum project is mapped to Stytch organization " + orgId));
        Clock clock = Clock.systemUTC();
        MedplumTokenClient client = client(s, clock);
        MedplumTokenCache cache = new MedplumTokenCache(s.renewBefore(), clock);
        SealedValues sealed = new SealedValues(s.tokenKeys(), clock);
        MedplumTokenCache.Obtained obtained;
        if (s.mode() == MedplumSettings.Mode.TOKEN_EXCHANGE) {
            obtained = cache.obtain("session:" + userSession.getId(), new SessionSlot(userSession, sealed),
                    () -> inProject(orgId, org, client.exchange(org.clientId(),
                            subjectToken(token, session, s.subjectAudience(), s.subjectTokenLifespan().toSeconds()))),
                    refreshToken -> inProject(orgId, org, client.refresh(refreshToken)));
        } else {
            String key = s.baseUrl() + "|" + org.clientId();
            obtained = cache.obtain(key, new MapSlot(key),
                    () -> inProject(orgId, org, client.clientCredentials(org.clientId(), org.clientSecret())), null);
        }
        MedplumToken medplum = inProject(orgId, org, obtained.token());
        String fhirUser = fhirUser(s, session, userSession, client, medplum);
        if (fhirUser != null) {
            token.getOtherClaims().put(CLAIM_FHIR_USER, fhirUser);
        }
        token.getOtherClaims().put(CLAIM_PROJECT, medplum.projectId());
        // Sealed for panels-app: whoever holds the access token (the browser) cannot use it at Medplum.
        token.getOtherClaims().put(CLAIM_TOKEN, sealed.seal(SEALED_CLAIM, medplum.accessToken(), medplum.expiresAt()));
        return new Renewal(obtained.renewed(), medplum.projectId(), fhirUser);
    }

    /**
     * A token is only used for the organization's own project. Medplum decides the project (from the client), so a
     * client configured for the wrong project shows here, before any token of another tenant is kept or handed out.
     */
    static MedplumToken inProject(String orgId, MedplumSettings.Organization org, MedplumToken token) throws MedplumException {
        if (!org.project().equals(token.projectId())) {
            throw new MedplumException("Medplum client " + org.clientId() + " gave a token for project " + token.projectId()
                    + ", but Stytch organization " + orgId + " is mapped to project " + org.project());
        }
        return token;
    }

    /**
     * The user's own profile in Medplum when Medplum names one (token exchange: the ProjectMembership's Practitioner);
     * otherwise (client credentials) the Practitioner with the member's id as identifier, found or created once per
     * session and project. Kept in the session either way.
     */
    private static String fhirUser(MedplumSettings s, KeycloakSession session, UserSessionModel userSession,
                                   MedplumTokenClient client, MedplumToken medplum) throws MedplumException {
        String cachedFor = userSession.getNote("medplum.fhirUser.project");
        String cached = userSession.getNote("medplum.fhirUser");
        if (cached != null && medplum.projectId().equals(cachedFor)) {
            return cached;
        }
        String fhirUser;
        if (medplum.profile() != null && medplum.profile().startsWith("Practitioner/")) {
            fhirUser = medplum.profile();
        } else {
            String memberId = userSession.getNote(s.memberNote());
            if (memberId == null) {
                return null;
            }
            UserModel user = userSession.getUser();
            String name = String.join(" ", Optional.ofNullable(user.getFirstName()).orElse(""),
                    Optional.ofNullable(user.getLastName()).orElse("")).trim();
            fhirUser = client.findOrCreatePractitioner(medplum.accessToken(), s.practitionerSystem(), memberId, name, user.getEmail());
        }
        userSession.setNote("medplum.fhirUser", fhirUser);
        userSession.setNote("medplum.fhirUser.project", medplum.projectId());
        return fhirUser;
    }

    /**
     * The RFC 8693 subject token: made for Medplum alone. A short-lived access token of the same user session,
     * signed by the realm, carrying only what Keycloak's userinfo endpoint needs to accept it for that session
     * ({@code sub}, {@code sid}, {@code azp}, scope {@code openid}) and the Medplum audience: no roles, organization
     * or other panels claims, and panels-app (which requires its own audience) refuses it.
     */
    static String subjectToken(AccessToken building, KeycloakSession session, String audience, long lifespanSeconds) {
        long now = Time.currentTimeSeconds();
        Long exp = building.getExp();
        AccessToken subject = new AccessToken();
        subject.id(UUID.randomUUID().toString());
        subject.issuer(building.getIssuer());
        subject.subject(building.getSubject());
        subject.type(building.getType());
        subject.issuedFor(building.getIssuedFor());
        subject.setSessionId(building.getSessionId());
        subject.setScope(OAuth2Constants.SCOPE_OPENID);
        subject.audience(audience);
        subject.iat(now);
        subject.exp(exp == null ? now + lifespanSeconds : Math.min(exp, now + lifespanSeconds));
        return session.tokens().encode(subject);
    }

    /**
     * When a Keycloak session ends by logout (user, admin, back-channel): ends the Medplum login the session obtained
     * by token exchange, so its Medplum refresh token dies with it. Client-credentials tokens are the organization's
     * and are left alone. Failures are logged; they never stop the logout.
     */
    public static void endMedplumLogin(KeycloakSession session, RealmModel realm, UserSessionModel userSession) {
        if (userSession.getNote(SessionSlot.PREFIX + "access") == null) {
            return;
        }
        Optional<ProtocolMapperModel> mapper = realm.getClientScopesStream()
                .flatMap(ProtocolMapperContainerModel::getProtocolMappersStream)
                .filter(m -> PROVIDER_ID.equals(m.getProtocolMapper())).findFirst();
        if (mapper.isEmpty()) {
            return;
        }
        try {
            MedplumSettings s = MedplumSettings.from(mapper.get().getConfig(), value -> vault(session, value));
            Clock clock = Clock.systemUTC();
            Optional<MedplumToken> token = new SessionSlot(userSession, new SealedValues(s.tokenKeys(), clock)).load();
            if (token.isPresent()) {
                client(s, clock).logout(token.get().accessToken());
                LOG.debugf("Ended the Medplum login of user session %s", userSession.getId());
            }
        } catch (MedplumException | IllegalArgumentException e) {
            LOG.warnf("Could not end the Medplum login of user session %s: %s", userSession.getId(), e.getMessage());
        }
    }

    private static MedplumTokenClient client(MedplumSettings s, Clock clock) {
        return CLIENTS.computeIfAbsent(
                s.baseUrl() + "|" + s.timeout().toMillis() + "|" + s.breakerFailures() + "|" + s.breakerOpen().toSeconds(),
                k -> new MedplumTokenClient(s.baseUrl(), s.timeout(), s.breakerFailures(), s.breakerOpen(), clock));
    }

    private void unavailable(KeycloakSession session, UserSessionModel userSession, ClientSessionContext clientSessionCtx,
                             String mode, String reason) {
        LOG.warnf("Medplum claims left out of the access token for user %s (session %s): %s",
                userSession.getUser().getId(), userSession.getId(), reason);
        userSession.setNote(NOTE_UNAVAILABLE, reason);
        events.unavailable(session, userSession, clientSessionCtx, mode, reason);
    }

    private static String vault(KeycloakSession session, String value) {
        try (VaultStringSecret secret = session.vault().getStringSecret(value)) {
            return secret.get().orElse(value);
        }
    }

    /** Mode 1's cache: the session's notes (cluster-wide with the session, gone when it ends); the tokens sealed. */
    record SessionSlot(UserSessionModel userSession, SealedValues sealed) implements MedplumTokenCache.Slot {
        static final String PREFIX = "medplum.token.";

        @Override
        public Optional<MedplumToken> load() {
            Optional<String> access = open("access");
            String expires = userSession.getNote(PREFIX + "expires");
            if (access.isEmpty() || expires == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(new MedplumToken(access.get(), open("refresh").orElse(null),
                        Instant.ofEpochSecond(Long.parseLong(expires)), userSession.getNote(PREFIX + "project"),
                        userSession.getNote(PREFIX + "profile")));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        @Override
        public void save(MedplumToken t) {
            note("access", sealed.seal(SEALED_NOTE, t.accessToken(), t.expiresAt()));
            note("expires", Long.toString(t.expiresAt().getEpochSecond()));
            note("refresh", t.refreshToken() == null ? null : sealed.seal(SEALED_NOTE, t.refreshToken(), t.expiresAt().plus(REFRESH_LIFETIME)));
            note("project", t.projectId());
            note("profile", t.profile());
        }

        private Optional<String> open(String name) {
            String value = userSession.getNote(PREFIX + name);
            return value == null ? Optional.empty() : sealed.open(SEALED_NOTE, value);
        }

        private void note(String name, String value) {
            if (value == null) {
                userSession.removeNote(PREFIX + name);
            } else {
                userSession.setNote(PREFIX + name, value);
            }
        }
    }

    /** Mode 2's cache: one token per organization's ClientApplication on this node. */
    private record MapSlot(String key) implements MedplumTokenCache.Slot {
        @Override
        public Optional<MedplumToken> load() {
            return Optional.ofNullable(ORGANIZATION_TOKENS.get(key));
        }

        @Override
        public void save(MedplumToken token) {
            ORGANIZATION_TOKENS.put(key, token);
        }
    }
}
