package dev.panels.keycloak.stytch.broker;

import dev.panels.keycloak.stytch.client.StytchModels.MemberAuth;
import jakarta.ws.rs.core.Response;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The browser comes back from Stytch's SSO or OAuth start with a token: SSO and organization OAuth give a member
 * of one organization, discovery OAuth gives the organizations to choose from.
 */
final class SsoOAuthStep {

    private final SignInFlow flow;

    SsoOAuthStep(SignInFlow flow) {
        this.flow = flow;
    }

    Response returned(AuthenticationSessionModel authSession, String state, String tokenType, String token) {
        authSession.setAuthNote(SignInFlow.NOTE_METHOD, tokenType);
        if (tokenType.equals("discovery_oauth")) {
            return new OrganizationStep(flow).discovered(authSession, state, flow.gateway().authenticateDiscoveryOAuth(token));
        }
        int minutes = flow.config.getSessionDurationMinutes();
        MemberAuth auth = tokenType.equals("sso")
                ? flow.gateway().authenticateSso(token, minutes)
                : flow.gateway().authenticateOAuth(token, minutes);
        return new CompletionStep(flow).memberAuthenticated(authSession, state, auth);
    }
}
