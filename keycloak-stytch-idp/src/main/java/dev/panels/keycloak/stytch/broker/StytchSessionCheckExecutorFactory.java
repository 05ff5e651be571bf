package dev.panels.keycloak.stytch.broker;

import dev.panels.keycloak.StatelessProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

import java.util.List;

/**
 * Client-policy executor {@code stytch-session-check}: at every token refresh of a user session that came through a
 * Stytch IdP, checks that the Stytch member session is still active (cached briefly) and ends the Keycloak session
 * otherwise. Enable it with a client profile holding this executor and a client policy (e.g. condition any-client).
 */
public class StytchSessionCheckExecutorFactory implements ClientPolicyExecutorProviderFactory, StatelessProviderFactory<ClientPolicyExecutorProvider> {

    public static final String PROVIDER_ID = "stytch-session-check";

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new StytchSessionCheckExecutor(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Refuses a token refresh, and ends the user session, when its Stytch member session was revoked or the member deleted.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
