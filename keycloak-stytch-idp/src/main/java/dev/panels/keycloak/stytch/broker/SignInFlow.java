package dev.panels.keycloak.stytch.broker;

import dev.panels.keycloak.stytch.client.StytchFailure;
import dev.panels.keycloak.stytch.client.StytchGateway;

import dev.panels.keycloak.stytch.client.StytchFailure.Kind;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider.AuthenticationCallback;
import org.keycloak.broker.provider.util.IdentityBrokerState;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.ClientSessionCode;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.List;
import java.util.function.Supplier;

/**
 * What every step of a Stytch sign-in shares, for one request: the broker state check, fresh states for the next
 * page, turning failures into events and clear pages, and the authentication-session notes a sign-in in progress
 * keeps (never a password; the intermediate session token only until the member is chosen and verified).
 */
final class SignInFlow {

    private static final Logger LOG = Logger.getLogger(SignInFlow.class);

    /** Auth notes of a sign-in in progress. */
    static final String NOTE_IST = "stytch.ist";
    static final String NOTE_EMAIL = "stytch.email";
    static final String NOTE_ATTEMPT = "stytch.attempt";
    static final String NOTE_MFA_ORG = "stytch.mfa.org";
    static final String NOTE_MFA_MEMBER = "stytch.mfa.member";
    static final String NOTE_MFA_PHONE = "stytch.mfa.phone";
    static final String NOTE_MFA_TOTP = "stytch.mfa.totp";
    static final String NOTE_MFA_FAILURES = "stytch.mfa.failures";
    static final String NOTE_METHOD = "stytch.method";

    /** A step run with a verified authentication session; {@code state} is a fresh broker state for its pages. */
    interface Step {
        Response run(AuthenticationSessionModel authSession, String state);
    }

    final KeycloakSession session;
    final RealmModel realm;
    final StytchIdentityProvider provider;
    final StytchIdentityProviderConfig config;
    final AuthenticationCallback callback;
    final EventBuilder event;

    SignInFlow(KeycloakSession session, RealmModel realm, StytchIdentityProvider provider, AuthenticationCallback callback,
               EventBuilder event) {
        this.session = session;
        this.realm = realm;
        this.provider = provider;
        this.config = provider.getConfig();
        this.callback = callback;
        this.event = event;
    }

    StytchGateway gateway() {
        return provider.gateway();
    }

    OrganizationPolicy policy() {
        return new OrganizationPolicy(session, realm, provider);
    }

    /** Verifies {@code state} against the browser's authentication session (consuming it), then runs the step. */
    Response withAuthSession(String state, Step step) {
        if (state == null || state.isEmpty()) {
            return pages(null, null).error("stytchInvalidRequest", Response.Status.BAD_REQUEST, false);
        }
        AuthenticationSessionModel authSession;
        try {
            authSession = callback.getAndVerifyAuthenticationSession(state);
        } catch (WebApplicationException e) {
            return e.getResponse();
        }
        session.getContext().setAuthenticationSession(authSession);
        String next = freshState(authSession);
        return guarded(authSession, next, null, () -> step.run(authSession, next));
    }

    /** A new broker state bound to a new active code of the same authentication session. */
    String freshState(AuthenticationSessionModel authSession) {
        ClientSessionCode<AuthenticationSessionModel> code = new ClientSessionCode<>(session, realm, authSession);
        code.setAction(AuthenticationSessionModel.Action.AUTHENTICATE.name());
        String relay = code.getOrGenerateCode();
        String clientData = provider.supportsLongStateParameter() ? AuthenticationProcessor.getClientData(session, authSession) : null;
        return IdentityBrokerState.decoded(relay, authSession.getClient().getId(), authSession.getClient().getClientId(),
                authSession.getTabId(), clientData).getEncoded();
    }

    /** Runs a step; failures become events and clear error pages. {@code linkUrl}: a magic link worth retrying as is. */
    Response guarded(AuthenticationSessionModel authSession, String state, String linkUrl, Supplier<Response> body) {
        try {
            return body.get();
        } catch (WebApplicationException e) {
            return e.getResponse();
        } catch (StytchFailure e) {
            LOG.infof("Stytch login step failed (%s): %s", e.kind(), e.getMessage());
            loginError(authSession, e.kind(), null, null, e.errorType());
            if (authSession != null && e.kind() != Kind.UNAVAILABLE && e.kind() != Kind.TOO_MANY_ATTEMPTS) {
                clearNotes(authSession);
            }
            if (linkUrl != null && e.kind() == Kind.UNAVAILABLE) {
                // A magic link Stytch could not check is still unused: offer to open it again.
                return pages(null, null).errorWithRetryUrl(e.kind().messageKey(), statusFor(e.kind()), linkUrl);
            }
            return pages(authSession, state).error(e.kind().messageKey(), statusFor(e.kind()), true);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Stytch identity provider %s is misconfigured: %s", config.getAlias(), e.getMessage());
            loginError(authSession, Kind.MISCONFIGURED, null, null, null);
            return pages(authSession, state).error(Kind.MISCONFIGURED.messageKey(), Response.Status.INTERNAL_SERVER_ERROR, false);
        }
    }

    /** Refuses this member or organization (403): an error event, the notes cleared, a page offering to start over. */
    Response refuse(AuthenticationSessionModel authSession, String state, Kind kind, String messageKey, String orgId,
                    String memberId, String detail) {
        loginError(authSession, kind, orgId, memberId, detail);
        clearNotes(authSession);
        return pages(authSession, state).error(messageKey, Response.Status.FORBIDDEN, true);
    }

    static Response.Status statusFor(Kind kind) {
        return switch (kind) {
            case LINK_INVALID, INVALID_INPUT, SESSION_EXPIRED -> Response.Status.BAD_REQUEST;
            case WRONG_PASSWORD, MFA_CODE_INVALID -> Response.Status.UNAUTHORIZED;
            case MEMBER_DEACTIVATED, MEMBER_NOT_FOUND, ORGANIZATION_NOT_ALLOWED -> Response.Status.FORBIDDEN;
            case TOO_MANY_ATTEMPTS -> Response.Status.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> Response.Status.SERVICE_UNAVAILABLE;
            case MISCONFIGURED, UNEXPECTED -> Response.Status.BAD_GATEWAY;
        };
    }

    StytchPages pages(AuthenticationSessionModel authSession, String state) {
        return new StytchPages(session, provider, realm, authSession, authSession == null ? null : state);
    }

    void loginError(AuthenticationSessionModel authSession, Kind kind, String orgId, String memberId, String detail) {
        EventBuilder e = event.clone().event(org.keycloak.events.EventType.IDENTITY_PROVIDER_LOGIN_ERROR)
                .detail(Details.IDENTITY_PROVIDER, config.getAlias())
                .detail(StytchEvents.ORGANIZATION_ID, orgId)
                .detail(StytchEvents.MEMBER_ID, memberId)
                .detail(StytchEvents.STYTCH_ERROR, detail);
        if (authSession != null) {
            e.detail(StytchEvents.METHOD, authSession.getAuthNote(NOTE_METHOD));
        }
        e.error(kind.eventError());
    }

    void stepEvent(String step, String orgId, String memberId) {
        event.clone().event(org.keycloak.events.EventType.IDENTITY_PROVIDER_LOGIN)
                .detail(Details.IDENTITY_PROVIDER, config.getAlias())
                .detail(StytchEvents.STEP, step)
                .detail(StytchEvents.ORGANIZATION_ID, orgId)
                .detail(StytchEvents.MEMBER_ID, memberId)
                .success();
    }

    static void clearNotes(AuthenticationSessionModel authSession) {
        for (String note : List.of(NOTE_IST, NOTE_MFA_ORG, NOTE_MFA_MEMBER, NOTE_MFA_PHONE, NOTE_MFA_TOTP, NOTE_MFA_FAILURES)) {
            authSession.removeAuthNote(note);
        }
    }

    static Response noStore(Response response) {
        CacheControl cc = new CacheControl();
        cc.setNoStore(true);
        cc.setNoCache(true);
        return Response.fromResponse(response).cacheControl(cc).build();
    }
}
