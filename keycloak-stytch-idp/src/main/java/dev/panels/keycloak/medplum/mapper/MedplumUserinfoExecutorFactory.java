package dev.panels.keycloak.medplum.mapper;

import dev.panels.keycloak.StatelessProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

import java.util.List;

/**
 * Client-policy executor {@code medplum-subject-userinfo}: for clients that receive Medplum claims (the Medplum token
 * mapper on the client or one of its default scopes), the userinfo endpoint accepts only tokens carrying the Medplum
 * subject-token audience — the tokens the mapper makes for Medplum — and refuses the clients' own access tokens. Use
 * it in a client policy with condition {@code any-client}.
 */
public class MedplumUserinfoExecutorFactory implements ClientPolicyExecutorProviderFactory, StatelessProviderFactory<ClientPolicyExecutorProvider> {

    public static final String PROVIDER_ID = "medplum-subject-userinfo";

    @Override
    public ClientPolicyExecutorProvider<?> create(KeycloakSession session) {
        return new MedplumUserinfoExecutor(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Userinfo answers only Medplum subject tokens (audience below), so an app's access token cannot be exchanged at Medplum.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name("audience").label("Subject token audience")
                .helpText("The Medplum mapper's subject-token audience (medplum.subject.audience).")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(MedplumSettings.DEFAULT_SUBJECT_AUDIENCE).add()
                .build();
    }
}
