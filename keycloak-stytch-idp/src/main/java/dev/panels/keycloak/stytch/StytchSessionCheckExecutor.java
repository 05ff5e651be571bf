package dev.panels.keycloak.stytch;

import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.TokenRefreshResponseContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.resources.IdentityBrokerService;

import java.util.List;

/** See {@link StytchSessionCheckExecutorFactory}. */
public class StytchSessionCheckExecutor implements ClientPolicyExecutorProvider<org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation> {

    private static final Logger LOG = Logger.getLogger(StytchSessionCheckExecutor.class);

    private final KeycloakSession session;

    public StytchSessionCheckExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getProviderId() {
        return StytchSessionCheckExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        if (context.getEvent() != ClientPolicyEvent.TOKEN_REFRESH_RESPONSE) {
            return;
        }
        var clientSession = ((TokenRefreshResponseContext) context).getClientSession();
        if (clientSession == null || clientSession.getUserSession() == null) {
            return;
        }
        UserSessionModel userSession = clientSession.getUserSession();
        String alias = userSession.getNote(Details.IDENTITY_PROVIDER);
        if (alias == null) {
            return;
        }
        UserAuthenticationIdentityProvider<?> idp;
        try {
            idp = IdentityBrokerService.getIdentityProvider(session, alias);
        } catch (RuntimeException e) {
            return;
        }
        if (!(idp instanceof StytchIdentityProvider stytch)) {
            return;
        }
        String sessionId = stytch.stytchSessionId(userSession);
        String memberId = userSession.getNote(StytchIdentityProvider.NOTE_MEMBER_ID);
        String orgId = userSession.getNote(StytchIdentityProvider.NOTE_ORGANIZATION_ID);
        if (sessionId == null || memberId == null || orgId == null) {
            return;
        }
        SessionCheckCache cache = stytch.factory().sessionChecks();
        if (cache.recentlyValid(sessionId)) {
            return;
        }
        boolean active;
        try {
            List<StytchModels.MemberSessionInfo> sessions = stytch.gateway().memberSessions(orgId, memberId);
            active = sessions.stream().anyMatch(s -> sessionId.equals(s.sessionId()));
        } catch (StytchFailure e) {
            if (e.kind() == StytchFailure.Kind.SESSION_EXPIRED || e.kind() == StytchFailure.Kind.MEMBER_NOT_FOUND) {
                active = false;
            } else {
                // Stytch unreachable: keep the session (fail open) rather than sign everyone out during an outage.
                LOG.warnf("Cannot check the Stytch session of user session %s: %s", userSession.getId(), e.getMessage());
                return;
            }
        }
        if (active) {
            cache.markValid(sessionId, stytch.getConfig().getSessionCheckSeconds());
            return;
        }
        RealmModel realm = session.getContext().getRealm();
        String userSessionId = userSession.getId();
        new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.LOGOUT)
                .user(userSession.getUser())
                .session(userSession)
                .detail(Details.IDENTITY_PROVIDER, alias)
                .detail(StytchEvents.STEP, "stytch_session_ended")
                .detail(StytchEvents.ORGANIZATION_ID, orgId)
                .detail(StytchEvents.MEMBER_ID, memberId)
                .success();
        // In its own transaction: the refresh request itself fails and is rolled back.
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
            RealmModel r = s.realms().getRealm(realm.getId());
            s.getContext().setRealm(r);
            UserSessionModel us = s.sessions().getUserSession(r, userSessionId);
            if (us != null) {
                s.sessions().removeUserSession(r, us);
            }
        });
        throw new ClientPolicyException(OAuthErrorException.INVALID_GRANT, "Stytch session ended");
    }
}
