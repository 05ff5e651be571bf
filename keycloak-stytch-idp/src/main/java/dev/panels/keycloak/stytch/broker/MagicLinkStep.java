package dev.panels.keycloak.stytch.broker;

import dev.panels.keycloak.stytch.client.StytchFailure;

import dev.panels.keycloak.stytch.client.StytchFailure.Kind;
import dev.panels.keycloak.stytch.broker.StytchIdentityProviderConfig.LoginMethod;
import dev.panels.keycloak.stytch.client.StytchModels.Discovery;
import dev.panels.keycloak.stytch.client.StytchModels.MemberAuth;
import dev.panels.keycloak.stytch.client.StytchModels.Organization;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Magic links and their continuation. The email form sends a discovery (or, pinned, an organization) magic link whose
 * redirect URL carries only a login-attempt id ({@link LoginAttempts}). Opened in the browser that asked for it, the
 * link finishes the sign-in there. Opened anywhere else, it signs nothing in: it verifies the link and shows a
 * single-use code, which the original window (polling {@link #status}) needs to continue.
 */
public final class MagicLinkStep {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,63}$");

    /** What a verified magic link produced, stored for the original window when opened elsewhere. */
    public record Continuation(String method, Discovery discovery, MemberAuth memberAuth) {
    }

    private final SignInFlow flow;

    MagicLinkStep(SignInFlow flow) {
        this.flow = flow;
    }

    static String normalizeEmail(String raw) {
        return raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
    }

    static boolean isEmail(String email) {
        return EMAIL.matcher(email).matches();
    }

    /** The email form: rate limits, then a new attempt and the email. */
    Response send(AuthenticationSessionModel authSession, String state, String rawEmail) {
        StytchIdentityProviderConfig config = flow.config;
        StytchPages pages = flow.pages(authSession, state);
        boolean discovery = config.isEnabled(LoginMethod.DISCOVERY_MAGIC_LINK);
        if (!discovery && !config.isEnabled(LoginMethod.ORGANIZATION_MAGIC_LINK)) {
            return pages.login("stytchMethodNotAllowed", null, Response.Status.BAD_REQUEST);
        }
        String email = normalizeEmail(rawEmail);
        if (!isEmail(email)) {
            return pages.login("stytchInvalidEmail", rawEmail, Response.Status.BAD_REQUEST);
        }
        String scope = config.getAlias() + '|' + flow.realm.getId() + '|';
        String ip = flow.session.getContext().getConnection().getRemoteAddr();
        // Per address *and* client IP: a stranger elsewhere cannot use up a person's sign-in emails (Stytch's own
        // per-address limits remain the backstop against one address being mailed from many places).
        boolean emailOk = RateLimiter.of(flow.session, RateLimiter.Kind.EMAIL).tryAcquire(scope + StytchIdentityProviderFactory.sha256(email) + '|' + ip,
                config.getRateLimitPerEmail());
        boolean ipOk = RateLimiter.of(flow.session, RateLimiter.Kind.IP).tryAcquire(scope + ip, config.getRateLimitPerIp());
        if (!emailOk || !ipOk) {
            flow.loginError(authSession, Kind.TOO_MANY_ATTEMPTS, null, null, emailOk ? "ip" : "email");
            return pages.login(Kind.TOO_MANY_ATTEMPTS.messageKey(), email, Response.Status.TOO_MANY_REQUESTS);
        }
        String attemptId = LoginAttempts.newId();
        Map<String, String> notes = new HashMap<>();
        notes.put(LoginAttempts.REALM, flow.realm.getId());
        notes.put(LoginAttempts.ALIAS, config.getAlias());
        notes.put(LoginAttempts.STATE, state);
        notes.put(LoginAttempts.ROOT_AUTH_SESSION, authSession.getParentSession().getId());
        notes.put(LoginAttempts.TAB, authSession.getTabId());
        notes.put(LoginAttempts.EMAIL, email);
        new LoginAttempts(flow.session).create(attemptId, notes);
        String redirect = UriBuilder.fromUri(pages.endpointUrl(null)).queryParam("attempt", attemptId).build().toString();
        if (discovery) {
            flow.gateway().sendDiscoveryEmail(email, redirect, LoginAttempts.LIFESPAN_SECONDS / 60);
        } else {
            Organization pinned = flow.policy().pinnedOrganization(flow.gateway());
            if (pinned == null) {
                throw StytchFailure.of(Kind.MISCONFIGURED, "pinned Stytch organization not found");
            }
            flow.gateway().sendOrganizationEmail(pinned.organizationId(), email, redirect);
        }
        authSession.setAuthNote(SignInFlow.NOTE_ATTEMPT, attemptId);
        authSession.setAuthNote(SignInFlow.NOTE_EMAIL, email);
        flow.event.clone().event(EventType.IDENTITY_PROVIDER_LOGIN)
                .detail(Details.IDENTITY_PROVIDER, config.getAlias())
                .detail(StytchEvents.STEP, "email_sent")
                .detail(StytchEvents.METHOD, discovery ? "discovery_magic_link" : "organization_magic_link")
                .detail(Details.EMAIL, email)
                .success();
        return pages.checkEmail(email, attemptId, null, Response.Status.OK);
    }

    /** The link from the email was opened (in this browser or elsewhere). */
    Response arrived(String tokenType, String token, String attemptId) {
        LoginAttempts attempts = new LoginAttempts(flow.session);
        Map<String, String> attempt = attempts.get(attemptId);
        if (attempt == null || !flow.realm.getId().equals(attempt.get(LoginAttempts.REALM))
                || !flow.config.getAlias().equals(attempt.get(LoginAttempts.ALIAS))
                || !LoginAttempts.PENDING.equals(attempt.get(LoginAttempts.STATUS))) {
            flow.loginError(null, Kind.LINK_INVALID, null, null, null);
            return flow.pages(null, null).error(Kind.LINK_INVALID.messageKey(), Response.Status.BAD_REQUEST, false);
        }
        String linkUrl = flow.session.getContext().getUri().getRequestUri().toString();
        RootAuthenticationSessionModel root = currentRoot();
        if (root != null && root.getId().equals(attempt.get(LoginAttempts.ROOT_AUTH_SESSION))) {
            return finishHere(attempts, attemptId, attempt, tokenType, token, linkUrl);
        }
        // Another browser or device: it only gets a code to type into the original window.
        return flow.guarded(null, null, linkUrl, () -> {
            Continuation result = authenticate(tokenType, token, attempt);
            String code = LoginAttempts.newCode();
            attempt.put(LoginAttempts.STATUS, LoginAttempts.VERIFIED);
            attempt.put(LoginAttempts.CODE_HASH, LoginAttempts.hash(code));
            attempt.put(LoginAttempts.RESULT, json(result));
            attempts.update(attemptId, attempt);
            flow.stepEvent("link_verified_elsewhere", null, null);
            return SignInFlow.noStore(flow.pages(null, null).linkConfirmed(code));
        });
    }

    private Response finishHere(LoginAttempts attempts, String attemptId, Map<String, String> attempt, String tokenType,
                                String token, String linkUrl) {
        AuthenticationSessionModel authSession;
        try {
            authSession = flow.callback.getAndVerifyAuthenticationSession(attempt.get(LoginAttempts.STATE));
        } catch (WebApplicationException e) {
            return e.getResponse();
        }
        flow.session.getContext().setAuthenticationSession(authSession);
        String next = flow.freshState(authSession);
        // the link stays usable (e.g. after "Stytch unavailable") with the new state
        attempt.put(LoginAttempts.STATE, next);
        attempts.update(attemptId, attempt);
        return flow.guarded(authSession, next, linkUrl, () -> {
            Continuation result = authenticate(tokenType, token, attempt);
            if (attempts.take(attemptId) == null) {
                throw StytchFailure.of(Kind.LINK_INVALID, "attempt already used");
            }
            return resume(authSession, next, result);
        });
    }

    /** Polled by the waiting page; recognises the browser by its auth-session cookie, so it never consumes the state. */
    Response status(String attemptId) {
        String status;
        RootAuthenticationSessionModel root = currentRoot();
        Map<String, String> attempt = new LoginAttempts(flow.session).get(attemptId);
        if (root == null) {
            status = "expired";
        } else if (attempt == null) {
            status = "gone";
        } else if (!root.getId().equals(attempt.get(LoginAttempts.ROOT_AUTH_SESSION))) {
            status = "unknown";
        } else {
            status = attempt.get(LoginAttempts.STATUS);
        }
        return SignInFlow.noStore(Response.ok(Map.of("status", status), MediaType.APPLICATION_JSON_TYPE).build());
    }

    /** The original window continues with the code the other browser showed (single use, a few tries). */
    Response continueWithCode(AuthenticationSessionModel authSession, String state, String attemptId, String code) {
        LoginAttempts attempts = new LoginAttempts(flow.session);
        Map<String, String> attempt = attempts.get(attemptId);
        StytchPages pages = flow.pages(authSession, state);
        if (attempt == null || !authSession.getParentSession().getId().equals(attempt.get(LoginAttempts.ROOT_AUTH_SESSION))
                || !authSession.getTabId().equals(attempt.get(LoginAttempts.TAB))) {
            flow.loginError(authSession, Kind.LINK_INVALID, null, null, "continuation_unknown");
            return pages.error(Kind.LINK_INVALID.messageKey(), Response.Status.BAD_REQUEST, true);
        }
        String email = attempt.get(LoginAttempts.EMAIL);
        if (!LoginAttempts.VERIFIED.equals(attempt.get(LoginAttempts.STATUS))) {
            return pages.checkEmail(email, attemptId, "stytchLinkNotOpenedYet", Response.Status.BAD_REQUEST);
        }
        if (!LoginAttempts.codeMatches(attempt.get(LoginAttempts.CODE_HASH), code)) {
            int tries = Integer.parseInt(attempt.getOrDefault(LoginAttempts.TRIES, "0")) + 1;
            if (tries >= LoginAttempts.MAX_CODE_TRIES) {
                attempts.take(attemptId);
                flow.loginError(authSession, Kind.TOO_MANY_ATTEMPTS, null, null, "continuation_code");
                return pages.error(Kind.TOO_MANY_ATTEMPTS.messageKey(), Response.Status.TOO_MANY_REQUESTS, true);
            }
            attempt.put(LoginAttempts.TRIES, Integer.toString(tries));
            attempts.update(attemptId, attempt);
            flow.loginError(authSession, Kind.INVALID_INPUT, null, null, "continuation_code");
            return pages.checkEmail(email, attemptId, "stytchContinuationCodeInvalid", Response.Status.UNAUTHORIZED);
        }
        Map<String, String> taken = attempts.take(attemptId);
        if (taken == null) {
            return pages.error(Kind.LINK_INVALID.messageKey(), Response.Status.BAD_REQUEST, true);
        }
        return resume(authSession, state, parse(taken.get(LoginAttempts.RESULT)));
    }

    private Continuation authenticate(String tokenType, String token, Map<String, String> attempt) {
        if (tokenType.equals("discovery")) {
            Discovery discovery = flow.gateway().authenticateDiscoveryMagicLink(token);
            if (discovery.email() == null || !discovery.email().equalsIgnoreCase(attempt.get(LoginAttempts.EMAIL))) {
                throw StytchFailure.of(Kind.LINK_INVALID, "magic link for another email than the attempt's");
            }
            return new Continuation("discovery_magic_link", discovery, null);
        }
        return new Continuation("organization_magic_link", null,
                flow.gateway().authenticateOrganizationMagicLink(token, flow.config.getSessionDurationMinutes()));
    }

    private Response resume(AuthenticationSessionModel authSession, String state, Continuation c) {
        authSession.setAuthNote(SignInFlow.NOTE_METHOD, c.method());
        if (c.discovery() != null) {
            return new OrganizationStep(flow).discovered(authSession, state, c.discovery());
        }
        return new CompletionStep(flow).memberAuthenticated(authSession, state, c.memberAuth());
    }

    private RootAuthenticationSessionModel currentRoot() {
        return new AuthenticationSessionManager(flow.session).getCurrentRootAuthenticationSession(flow.realm);
    }

    private static String json(Continuation c) {
        try {
            return JsonSerialization.writeValueAsString(c);
        } catch (IOException e) {
            throw new IllegalStateException("cannot store the Stytch result", e);
        }
    }

    private static Continuation parse(String json) {
        try {
            return JsonSerialization.readValue(json, Continuation.class);
        } catch (IOException e) {
            throw StytchFailure.of(Kind.LINK_INVALID, "unreadable stored Stytch result");
        }
    }
}
