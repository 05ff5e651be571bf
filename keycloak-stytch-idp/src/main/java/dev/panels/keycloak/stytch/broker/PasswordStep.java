package dev.panels.keycloak.stytch.broker;

import dev.panels.keycloak.stytch.client.StytchFailure;

import dev.panels.keycloak.stytch.client.StytchFailure.Kind;
import dev.panels.keycloak.stytch.broker.StytchIdentityProviderConfig.LoginMethod;
import dev.panels.keycloak.stytch.broker.StytchIdentityProviderConfig.OrganizationMode;
import dev.panels.keycloak.stytch.client.StytchModels.Organization;
import jakarta.ws.rs.core.Response;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Stytch password sign-in into one organization: the pinned one, or (linked mode) the one the person chose among
 * those linked to this realm. A wrong password and an unknown member get the same answer.
 */
final class PasswordStep {

    private final SignInFlow flow;

    PasswordStep(SignInFlow flow) {
        this.flow = flow;
    }

    Response submit(AuthenticationSessionModel authSession, String state, String rawEmail, String password, String organizationId) {
        StytchPages pages = flow.pages(authSession, state);
        if (!flow.config.isEnabled(LoginMethod.PASSWORD)) {
            return pages.login("stytchMethodNotAllowed", null, Response.Status.BAD_REQUEST);
        }
        String email = MagicLinkStep.normalizeEmail(rawEmail);
        if (!MagicLinkStep.isEmail(email) || password == null || password.isEmpty()) {
            return pages.login("stytchInvalidEmail", rawEmail, Response.Status.BAD_REQUEST);
        }
        String orgId = organization(organizationId);
        if (orgId == null) {
            flow.loginError(authSession, Kind.ORGANIZATION_NOT_ALLOWED, organizationId, null, null);
            return pages.login("stytchChooseOrganization", email, Response.Status.BAD_REQUEST);
        }
        authSession.setAuthNote(SignInFlow.NOTE_METHOD, "password");
        String guessKey = "password|" + flow.config.getAlias() + '|' + flow.realm.getId() + '|'
                + StytchIdentityProviderFactory.sha256(email) + '|' + flow.session.getContext().getConnection().getRemoteAddr();
        if (!RateLimiter.of(flow.session, RateLimiter.Kind.SECRET).tryAcquire(guessKey, flow.config.getSecretAttempts())) {
            flow.loginError(authSession, Kind.TOO_MANY_ATTEMPTS, orgId, null, "password");
            return pages.login(Kind.TOO_MANY_ATTEMPTS.messageKey(), email, Response.Status.TOO_MANY_REQUESTS);
        }
        try {
            return new CompletionStep(flow).memberAuthenticated(authSession, state,
                    flow.gateway().authenticatePassword(orgId, email, password, flow.config.getSessionDurationMinutes()));
        } catch (StytchFailure e) {
            if (e.kind() == Kind.WRONG_PASSWORD || e.kind() == Kind.MEMBER_NOT_FOUND) {
                flow.loginError(authSession, Kind.WRONG_PASSWORD, orgId, null, e.errorType());
                return pages.login(Kind.WRONG_PASSWORD.messageKey(), email, Response.Status.UNAUTHORIZED);
            }
            throw e;
        }
    }

    /** The Stytch organization id to sign into, or null when the chosen one is not linked to this realm. */
    private String organization(String chosen) {
        OrganizationPolicy policy = flow.policy();
        if (flow.config.getOrganizationMode() == OrganizationMode.PINNED) {
            Organization pinned = policy.pinnedOrganization(flow.gateway());
            if (pinned == null) {
                throw StytchFailure.of(Kind.MISCONFIGURED, "pinned Stytch organization not found");
            }
            return pinned.organizationId();
        }
        return policy.linkedOrganizations().stream()
                .map(OrganizationPolicy.LinkedOrganization::stytchOrganizationId)
                .filter(id -> id.equals(chosen))
                .findFirst().orElse(null);
    }
}
