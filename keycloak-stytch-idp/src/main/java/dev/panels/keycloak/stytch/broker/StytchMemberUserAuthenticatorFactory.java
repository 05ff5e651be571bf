package dev.panels.keycloak.stytch.broker;

import dev.panels.keycloak.StatelessProviderFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/** {@code stytch-member-user}: the whole first broker login of the Stytch identity provider (see the authenticator). */
public class StytchMemberUserAuthenticatorFactory implements AuthenticatorFactory, StatelessProviderFactory<Authenticator> {

    public static final String PROVIDER_ID = "stytch-member-user";
    private static final StytchMemberUserAuthenticator SINGLETON = new StytchMemberUserAuthenticator();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Stytch member as user";
    }

    @Override
    public String getHelpText() {
        return "Creates one user per Stytch membership (id derived from the member id, username = member id), "
                + "with no review page and no linking by email. Use it alone in the Stytch provider's first broker login flow.";
    }

    @Override
    public String getReferenceCategory() {
        return "createUserIfUnique";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[]{AuthenticationExecutionModel.Requirement.REQUIRED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

}
