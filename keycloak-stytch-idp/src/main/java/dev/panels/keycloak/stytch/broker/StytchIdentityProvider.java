package dev.panels.keycloak.stytch.broker;

import dev.panels.keycloak.stytch.client.StytchFailure;
import dev.panels.keycloak.stytch.client.StytchGateway;
import dev.panels.keycloak.stytch.mappers.StytchClaims;

import dev.panels.keycloak.medplum.mapper.MedplumProtocolMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.AbstractIdentityProvider;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.DefaultDataMarshaller;
import org.keycloak.broker.provider.IdentityProviderDataMarshaller;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Map;

/**
 * The Stytch B2B identity provider. {@link #performLogin} shows the Stytch sign-in page; everything after that is
 * handled by {@link StytchEndpoint} under {@code /realms/{realm}/broker/{alias}/endpoint}.
 */
public class StytchIdentityProvider extends AbstractIdentityProvider<StytchIdentityProviderConfig> {

    private static final Logger LOG = Logger.getLogger(StytchIdentityProvider.class);

    /** User-session notes (set when the login finishes); no token is ever stored. */
    public static final String NOTE_SESSION_ID = "stytch.session_id";
    public static final String NOTE_MEMBER_ID = "stytch.member_id";
    public static final String NOTE_ORGANIZATION_ID = "stytch.organization_id";

    /** Context-data key: JSON of the member and organization, read by the identity-provider mappers. */
    public static final String CONTEXT_CLAIMS = "stytch.claims";

    private final StytchIdentityProviderFactory factory;

    public StytchIdentityProvider(KeycloakSession session, StytchIdentityProviderConfig config,
                                  StytchIdentityProviderFactory factory) {
        super(session, config);
        this.factory = factory;
    }

    KeycloakSession session() {
        return session;
    }

    StytchIdentityProviderFactory factory() {
        return factory;
    }

    StytchGateway gateway() {
        return factory.gateway(session, getConfig());
    }

    @Override
    public Response performLogin(AuthenticationRequest request) {
        AuthenticationSessionModel authSession = request.getAuthenticationSession();
        String state = request.getState().getEncoded();
        String hint = authSession == null ? null : authSession.getClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM);
        return new StytchPages(session, this, request.getRealm(), authSession, state).login(null, hint, Response.Status.OK);
    }

    @Override
    public Object callback(RealmModel realm, AuthenticationCallback callback, EventBuilder event) {
        return new StytchEndpoint(session, realm, this, callback, event);
    }

    @Override
    public void authenticationFinished(AuthenticationSessionModel authSession, BrokeredIdentityContext context) {
        Map<String, Object> data = context.getContextData();
        copyNote(authSession, data, NOTE_SESSION_ID);
        copyNote(authSession, data, NOTE_MEMBER_ID);
        copyNote(authSession, data, NOTE_ORGANIZATION_ID);
    }

    private static void copyNote(AuthenticationSessionModel authSession, Map<String, Object> data, String key) {
        Object value = data.get(key);
        if (value != null) {
            authSession.setUserSessionNote(key, value.toString());
        }
    }

    /**
     * Every sign-in writes the member's identity as Stytch has it now: email, whether Stytch verified it, names.
     * This sync is the only writer of a user's email (users cannot edit it: see the realm's user profile), and
     * {@code emailVerified} is Stytch's answer, not the provider's "trust email" switch.
     */
    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user, BrokeredIdentityContext context) {
        syncIdentity(user, context);
    }

    static void syncIdentity(UserModel user, BrokeredIdentityContext context) {
        Object json = context.getContextData().get(CONTEXT_CLAIMS);
        if (json == null) {
            return; // not a Stytch sign-in (e.g. an admin-driven import): nothing Stytch said to write
        }
        StytchClaims claims = StytchClaims.parse(json.toString());
        setIfChanged(user.getEmail(), claims.email(), user::setEmail);
        if (user.isEmailVerified() != claims.emailVerified()) {
            user.setEmailVerified(claims.emailVerified());
        }
        setIfChanged(user.getFirstName(), context.getFirstName(), user::setFirstName);
        setIfChanged(user.getLastName(), context.getLastName(), user::setLastName);
    }

    private static void setIfChanged(String current, String wanted, java.util.function.Consumer<String> setter) {
        if (!java.util.Objects.equals(current, wanted)) {
            setter.accept(wanted);
        }
    }

    @Override
    public void backchannelLogout(KeycloakSession session, UserSessionModel userSession, UriInfo uriInfo, RealmModel realm) {
        revokeStytchSession(userSession, realm);
    }

    @Override
    public Response keycloakInitiatedBrowserLogout(KeycloakSession session, UserSessionModel userSession, UriInfo uriInfo,
                                                   RealmModel realm) {
        revokeStytchSession(userSession, realm);
        return null; // nothing to show: Keycloak continues its own logout
    }

    /** The Stytch member session id of a Keycloak user session brokered by this provider, or null. */
    String stytchSessionId(UserSessionModel userSession) {
        String note = userSession.getNote(NOTE_SESSION_ID);
        if (note != null) {
            return note;
        }
        String broker = userSession.getBrokerSessionId();
        String prefix = getConfig().getAlias() + ".";
        return broker != null && broker.startsWith(prefix) ? broker.substring(prefix.length()) : null;
    }

    void revokeStytchSession(UserSessionModel userSession, RealmModel realm) {
        // Signing out ends the person's Medplum login too, whatever happens at Stytch.
        MedplumProtocolMapper.endMedplumLogin(session, realm, userSession);
        String stytchSessionId = stytchSessionId(userSession);
        if (stytchSessionId == null) {
            return;
        }
        factory.sessionChecks().forget(stytchSessionId);
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.LOGOUT)
                .user(userSession.getUser())
                .session(userSession)
                .detail(Details.IDENTITY_PROVIDER, getConfig().getAlias())
                .detail(StytchEvents.STEP, "stytch_session_revoked")
                .detail(StytchEvents.ORGANIZATION_ID, userSession.getNote(NOTE_ORGANIZATION_ID))
                .detail(StytchEvents.MEMBER_ID, userSession.getNote(NOTE_MEMBER_ID));
        try {
            gateway().revokeSession(stytchSessionId);
            event.success();
        } catch (StytchFailure e) {
            if (e.kind() == StytchFailure.Kind.SESSION_EXPIRED) {
                event.success(); // already gone at Stytch
                return;
            }
            LOG.warnf("Could not revoke the Stytch session of user session %s: %s", userSession.getId(), e.getMessage());
            event.error(e.kind().eventError());
        }
    }

    @Override
    public Response retrieveToken(KeycloakSession session, FederatedIdentityModel identity) {
        return notStored();
    }

    @Override
    public Response retrieveToken(KeycloakSession session, FederatedIdentityModel identity, UserSessionModel userSession,
                                  UserModel user) {
        return notStored();
    }

    private static Response notStored() {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", "invalid_request", "error_description", "Stytch tokens are not stored by Keycloak"))
                .build();
    }

    @Override
    public IdentityProviderDataMarshaller getMarshaller() {
        return new DefaultDataMarshaller();
    }
}
