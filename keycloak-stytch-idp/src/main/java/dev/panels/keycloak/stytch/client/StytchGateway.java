package dev.panels.keycloak.stytch.client;

import dev.panels.keycloak.CallMetrics;
import com.stytch.java.b2b.StytchB2BClient;
import com.stytch.java.b2b.models.discovery.Membership;
import com.stytch.java.b2b.models.mfa.MemberOptions;
import com.stytch.java.b2b.models.mfa.MfaRequired;
import com.stytch.java.b2b.models.organizations.ActiveSSOConnection;
import com.stytch.java.b2b.models.organizations.MemberRole;
import com.stytch.java.b2b.models.sessions.MemberSession;
import com.stytch.java.b2b.models.sessions.PrimaryRequired;
import com.stytch.java.common.ErrorResponse;
import com.stytch.java.common.OptionalClientConfig;
import com.stytch.java.common.StytchException;
import com.stytch.java.common.StytchResult;
import dev.panels.keycloak.stytch.client.StytchErrors.Operation;
import dev.panels.keycloak.stytch.client.StytchFailure.Kind;
import dev.panels.keycloak.stytch.client.StytchModels.DiscoveredOrganization;
import dev.panels.keycloak.stytch.client.StytchModels.Discovery;
import dev.panels.keycloak.stytch.client.StytchModels.Member;
import dev.panels.keycloak.stytch.client.StytchModels.MemberAuth;
import dev.panels.keycloak.stytch.client.StytchModels.MemberSessionInfo;
import dev.panels.keycloak.stytch.client.StytchModels.MfaState;
import dev.panels.keycloak.stytch.client.StytchModels.Organization;
import dev.panels.keycloak.stytch.client.StytchModels.SsoConnection;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one place that talks to Stytch: a single SDK client per IdP configuration, every call bounded by the configured
 * timeout, every failure turned into a {@link StytchFailure}. Session JWTs are checked against the project's JWKS.
 */
public class StytchGateway implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StytchGateway.class);

    private final StytchB2BClient client;
    private final String projectId;
    private final String baseUrl;
    private final long timeoutMillis;
    private final SessionJwtVerifier jwtVerifier;

    public StytchGateway(String projectId, String secret, String baseUrl, int timeoutSeconds) {
        this.projectId = projectId;
        this.baseUrl = baseUrl;
        this.timeoutMillis = TimeUnit.SECONDS.toMillis(timeoutSeconds);
        this.client = new StytchB2BClient(projectId, secret, new OptionalClientConfig(baseUrl));
        this.jwtVerifier = new SessionJwtVerifier(baseUrl + "/v1/b2b/sessions/jwks/" + projectId, projectId, timeoutSeconds);
    }

    public String projectId() {
        return projectId;
    }

    public String baseUrl() {
        return baseUrl;
    }

    // ---- magic links

    public void sendDiscoveryEmail(String email, String redirectUrl, Long expirationMinutes) {
        call(Operation.SEND_EMAIL, client.getMagicLinks().getEmail().getDiscovery().sendCompletable(
                new com.stytch.java.b2b.models.magiclinksemaildiscovery.SendRequest(email, redirectUrl, null, null, null,
                        expirationMinutes)));
    }

    public void sendOrganizationEmail(String organizationId, String email, String redirectUrl) {
        call(Operation.SEND_EMAIL, client.getMagicLinks().getEmail().loginOrSignupCompletable(
                new com.stytch.java.b2b.models.magiclinksemail.LoginOrSignupRequest(organizationId, email, redirectUrl,
                        redirectUrl)));
    }

    public Discovery authenticateDiscoveryMagicLink(String token) {
        var r = call(Operation.AUTHENTICATE_LINK, client.getMagicLinks().getDiscovery().authenticateCompletable(
                new com.stytch.java.b2b.models.magiclinksdiscovery.AuthenticateRequest(token)));
        return new Discovery(r.getIntermediateSessionToken(), r.getEmailAddress(), discovered(r.getDiscoveredOrganizations()));
    }

    public MemberAuth authenticateOrganizationMagicLink(String token, int sessionMinutes) {
        var r = call(Operation.AUTHENTICATE_LINK, client.getMagicLinks().authenticateCompletable(
                new com.stytch.java.b2b.models.magiclinks.AuthenticateRequest(token, null, null, null, sessionMinutes)));
        return memberAuth(r.getMemberAuthenticated(), r.getIntermediateSessionToken(), r.getMember(), r.getOrganization(),
                r.getMemberSession(), r.getSessionJWT(), r.getMfaRequired(), r.getPrimaryRequired());
    }

    // ---- discovery

    public Discovery listDiscoveredOrganizations(String intermediateSessionToken) {
        var r = call(Operation.EXCHANGE, client.getDiscovery().getOrganizations().listCompletable(
                new com.stytch.java.b2b.models.discoveryorganizations.ListRequest(intermediateSessionToken)));
        return new Discovery(intermediateSessionToken, r.getEmailAddress(), discovered(r.getDiscoveredOrganizations()));
    }

    public MemberAuth exchangeIntermediateSession(String intermediateSessionToken, String organizationId, int sessionMinutes) {
        var r = call(Operation.EXCHANGE, client.getDiscovery().getIntermediateSessions().exchangeCompletable(
                new com.stytch.java.b2b.models.discoveryintermediatesessions.ExchangeRequest(intermediateSessionToken,
                        organizationId, sessionMinutes)));
        return memberAuth(r.getMemberAuthenticated(), r.getIntermediateSessionToken(), r.getMember(), r.getOrganization(),
                r.getMemberSession(), r.getSessionJWT(), r.getMfaRequired(), r.getPrimaryRequired());
    }

    // ---- passwords, SSO, OAuth

    public MemberAuth authenticatePassword(String organizationId, String email, String password, int sessionMinutes) {
        var r = call(Operation.AUTHENTICATE_PASSWORD, client.getPasswords().authenticateCompletable(
                new com.stytch.java.b2b.models.passwords.AuthenticateRequest(organizationId, email, password, null,
                        sessionMinutes)));
        return memberAuth(r.getMemberAuthenticated(), r.getIntermediateSessionToken(), r.getMember(), r.getOrganization(),
                r.getMemberSession(), r.getSessionJWT(), r.getMfaRequired(), r.getPrimaryRequired());
    }

    public MemberAuth authenticateSso(String token, int sessionMinutes) {
        var r = call(Operation.AUTHENTICATE_LINK, client.getSso().authenticateCompletable(
                new com.stytch.java.b2b.models.sso.AuthenticateRequest(token, null, null, null, sessionMinutes)));
        return memberAuth(r.getMemberAuthenticated(), r.getIntermediateSessionToken(), r.getMember(), r.getOrganization(),
                r.getMemberSession(), r.getSessionJWT(), r.getMfaRequired(), r.getPrimaryRequired());
    }

    public MemberAuth authenticateOAuth(String token, int sessionMinutes) {
        var r = call(Operation.AUTHENTICATE_LINK, client.getOauth().authenticateCompletable(
                new com.stytch.java.b2b.models.oauth.AuthenticateRequest(token, null, sessionMinutes)));
        return memberAuth(r.getMemberAuthenticated(), r.getIntermediateSessionToken(), r.getMember(), r.getOrganization(),
                r.getMemberSession(), r.getSessionJWT(), r.getMfaRequired(), r.getPrimaryRequired());
    }

    public Discovery authenticateDiscoveryOAuth(String token) {
        var r = call(Operation.AUTHENTICATE_LINK, client.getOauth().getDiscovery().authenticateCompletable(
                new com.stytch.java.b2b.models.oauthdiscovery.AuthenticateRequest(token)));
        return new Discovery(r.getIntermediateSessionToken(), r.getEmailAddress(), discovered(r.getDiscoveredOrganizations()));
    }

    // ---- MFA

    public void sendSmsOtp(String organizationId, String memberId, String phoneNumber, String intermediateSessionToken) {
        call(Operation.MFA, client.getOtps().getSms().sendCompletable(
                new com.stytch.java.b2b.models.otpsms.SendRequest(organizationId, memberId, phoneNumber, null,
                        intermediateSessionToken)));
    }

    public MemberAuth authenticateSmsOtp(String organizationId, String memberId, String code,
                                         String intermediateSessionToken, int sessionMinutes) {
        var r = call(Operation.MFA, client.getOtps().getSms().authenticateCompletable(
                new com.stytch.java.b2b.models.otpsms.AuthenticateRequest(organizationId, memberId, code,
                        intermediateSessionToken, null, null, sessionMinutes)));
        return memberAuth(true, null, r.getMember(), r.getOrganization(), r.getMemberSession(), r.getSessionJWT(),
                null, null);
    }

    public MemberAuth authenticateTotp(String organizationId, String memberId, String code,
                                       String intermediateSessionToken, int sessionMinutes) {
        var r = call(Operation.MFA, client.getTotps().authenticateCompletable(
                new com.stytch.java.b2b.models.totps.AuthenticateRequest(organizationId, memberId, code,
                        intermediateSessionToken, null, null, sessionMinutes)));
        return memberAuth(true, null, r.getMember(), r.getOrganization(), r.getMemberSession(), r.getSessionJWT(),
                null, null);
    }

    // ---- sessions and organizations

    /** The member's active sessions (no tokens involved). */
    public List<MemberSessionInfo> memberSessions(String organizationId, String memberId) {
        var r = call(Operation.SESSION, client.getSessions().getCompletable(
                new com.stytch.java.b2b.models.sessions.GetRequest(organizationId, memberId)));
        List<MemberSessionInfo> sessions = new ArrayList<>();
        for (MemberSession s : r.getMemberSessions()) {
            sessions.add(new MemberSessionInfo(s.getMemberSessionId(), s.getMemberId(), s.getOrganizationId(),
                    s.getExpiresAt()));
        }
        return sessions;
    }

    /** The member as Stytch has it now (status, roles); a deleted member is {@link StytchFailure.Kind#SESSION_EXPIRED}. */
    public Member member(String organizationId, String memberId) {
        var r = call(Operation.SESSION, client.getOrganizations().getMembers().getCompletable(
                new com.stytch.java.b2b.models.organizationsmembers.GetRequest(organizationId, memberId)));
        return member(r.getMember());
    }

    public void revokeSession(String memberSessionId) {
        call(Operation.SESSION, client.getSessions().revokeCompletable(
                new com.stytch.java.b2b.models.sessions.RevokeRequest(memberSessionId),
                new com.stytch.java.b2b.models.sessions.RevokeRequestOptions()));
    }

    public Organization getOrganization(String organizationId) {
        var r = call(Operation.ORGANIZATION_LOOKUP, client.getOrganizations().getCompletable(
                new com.stytch.java.b2b.models.organizations.GetRequest(organizationId)));
        return organization(r.getOrganization());
    }

    /** Verifies signature (JWKS), issuer, audience, expiry and that the JWT belongs to this member session. */
    public SessionJwtVerifier.VerifiedSession verifySessionJwt(String jwt, String expectedMemberId, String expectedSessionId) {
        return jwtVerifier.verify(jwt, expectedMemberId, expectedSessionId);
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (RuntimeException e) {
            LOG.debugf("closing the Stytch client: %s", e.getMessage());
        }
    }

    // ---- plumbing

    private <T> T call(Operation operation, CompletableFuture<StytchResult<T>> future) {
        long started = System.nanoTime();
        try {
            T value = await(operation, future);
            CallMetrics.stytch(operation, "success", started);
            return value;
        } catch (StytchFailure e) {
            CallMetrics.stytch(operation, CallMetrics.name(e.kind()), started);
            throw e;
        }
    }

    private <T> T await(Operation operation, CompletableFuture<StytchResult<T>> future) {
        StytchResult<T> result;
        try {
            result = future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new StytchFailure(Kind.UNAVAILABLE, "Stytch did not answer within " + timeoutMillis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StytchFailure(Kind.UNAVAILABLE, "interrupted while waiting for Stytch", e);
        } catch (ExecutionException e) {
            throw new StytchFailure(Kind.UNAVAILABLE, "Stytch call failed: " + e.getCause().getClass().getSimpleName(), e.getCause());
        }
        if (result instanceof StytchResult.Success<T> success) {
            return success.getValue();
        }
        StytchException exception = ((StytchResult.Error) result).getException();
        if (exception instanceof StytchException.Response response) {
            ErrorResponse error = response.getReason();
            Kind kind = StytchErrors.classify(operation, error.getStatusCode(), error.getErrorType());
            throw new StytchFailure(kind, error.getErrorType(), error.getStatusCode(),
                    "Stytch " + operation + " failed: " + error.getStatusCode() + " " + error.getErrorType()
                            + " (request " + error.getRequestId() + ")");
        }
        // Critical: network failure or an unreadable answer. Its raw response may hold tokens: never include it.
        Throwable cause = exception instanceof StytchException.Critical critical ? critical.getReason() : exception;
        throw new StytchFailure(Kind.UNAVAILABLE, "Stytch " + operation + " failed: "
                + (cause == null ? "unknown" : cause.getClass().getSimpleName()), null);
    }

    private static List<DiscoveredOrganization> discovered(List<com.stytch.java.b2b.models.discovery.DiscoveredOrganization> list) {
        List<DiscoveredOrganization> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (var d : list) {
            Membership m = d.getMembership();
            out.add(new DiscoveredOrganization(organization(d.getOrganization()), d.getMemberAuthenticated(),
                    m == null ? null : m.getType()));
        }
        return out;
    }

    static Organization organization(com.stytch.java.b2b.models.organizations.Organization o) {
        if (o == null) {
            return null;
        }
        List<SsoConnection> sso = new ArrayList<>();
        if (o.getSsoActiveConnections() != null) {
            for (ActiveSSOConnection c : o.getSsoActiveConnections()) {
                sso.add(new SsoConnection(c.getConnectionId(), c.getDisplayName()));
            }
        }
        return new Organization(o.getOrganizationId(), o.getOrganizationName(), o.getOrganizationSlug(), o.getMfaPolicy(),
                o.getTrustedMetadata(), sso);
    }

    static Member member(com.stytch.java.b2b.models.organizations.Member m) {
        if (m == null) {
            return null;
        }
        List<String> roles = new ArrayList<>();
        if (m.getRoles() != null) {
            for (MemberRole role : m.getRoles()) {
                roles.add(role.getRoleId());
            }
        }
        return new Member(m.getMemberId(), m.getOrganizationId(), m.getEmailAddress(), m.getEmailAddressVerified(), m.getName(), m.getStatus(), roles,
                m.getTrustedMetadata(), m.getUntrustedMetadata(), m.getMfaPhoneNumber(), m.getMfaPhoneNumberVerified(),
                m.getTotpRegistrationId(), m.getExternalId());
    }

    private static MemberAuth memberAuth(boolean authenticated, String ist,
                                         com.stytch.java.b2b.models.organizations.Member member,
                                         com.stytch.java.b2b.models.organizations.Organization organization,
                                         MemberSession session, String sessionJwt, MfaRequired mfa,
                                         PrimaryRequired primary) {
        MfaState mfaState = null;
        if (mfa != null) {
            MemberOptions options = mfa.getMemberOptions();
            mfaState = new MfaState(options == null ? null : options.getMfaPhoneNumber(),
                    options == null ? null : options.getTotpRegistrationId(), mfa.getSecondaryAuthInitiated());
        }
        return new MemberAuth(authenticated, ist == null || ist.isEmpty() ? null : ist, member(member),
                organization(organization), session == null ? null : session.getMemberSessionId(),
                sessionJwt == null || sessionJwt.isEmpty() ? null : sessionJwt, mfaState,
                primary == null ? null : primary.getAllowedAuthMethods());
    }

    static Map<String, Object> nonNull(Map<String, Object> map) {
        return map == null ? Map.of() : map;
    }
}
