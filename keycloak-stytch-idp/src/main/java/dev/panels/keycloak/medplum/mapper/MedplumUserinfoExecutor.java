package dev.panels.keycloak.medplum.mapper;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.UserInfoRequestContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * See {@link MedplumUserinfoExecutorFactory}: for clients that receive Medplum claims, the userinfo endpoint answers
 * only tokens whose audience is Medplum.
 * Medplum's token exchange authenticates nothing but the subject token, which it checks here; without this, anyone
 * holding one of the app's access tokens (the browser) could exchange it at Medplum for a Medplum login.
 */
public class MedplumUserinfoExecutor implements ClientPolicyExecutorProvider<MedplumUserinfoExecutor.Configuration> {

    private final KeycloakSession session;
    private Configuration configuration = new Configuration();

    public MedplumUserinfoExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getProviderId() {
        return MedplumUserinfoExecutorFactory.PROVIDER_ID;
    }

    @Override
    public Class<Configuration> getExecutorConfigurationClass() {
        return Configuration.class;
    }

    @Override
    public void setupConfiguration(Configuration config) {
        this.configuration = config == null ? new Configuration() : config;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        if (context.getEvent() != ClientPolicyEvent.USERINFO_REQUEST) {
            return;
        }
        UserInfoRequestContext userinfo = (UserInfoRequestContext) context;
        if (userinfo.getClientSession() == null || !receivesMedplumClaims(userinfo.getClientSession().getClient())) {
            return;
        }
        String raw = userinfo.getTokenForUserInfo().getToken();
        // The endpoint has verified the token already; decoding verifies the signature again before reading it.
        AccessToken token = raw == null ? null : session.tokens().decode(raw, AccessToken.class);
        if (token == null || !token.hasAudience(configuration.audience())) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_TOKEN,
                    "userinfo answers only Medplum subject tokens for this client", Response.Status.UNAUTHORIZED);
        }
    }

    /** Whether the client's default scopes (or the client itself) carry the Medplum token mapper. */
    static boolean receivesMedplumClaims(ClientModel client) {
        return client.getProtocolMappersStream().anyMatch(MedplumUserinfoExecutor::isMedplumMapper)
                || client.getClientScopes(true).values().stream()
                .anyMatch(scope -> scope.getProtocolMappersStream().anyMatch(MedplumUserinfoExecutor::isMedplumMapper));
    }

    private static boolean isMedplumMapper(ProtocolMapperModel mapper) {
        return MedplumProtocolMapper.PROVIDER_ID.equals(mapper.getProtocolMapper());
    }

    public static class Configuration extends ClientPolicyExecutorConfigurationRepresentation {
        @JsonProperty("audience")
        protected String audience;

        public String getAudience() {
            return audience;
        }

        public void setAudience(String audience) {
            this.audience = audience;
        }

        String audience() {
            return audience == null || audience.isBlank() ? MedplumSettings.DEFAULT_SUBJECT_AUDIENCE : audience;
        }
    }
}
