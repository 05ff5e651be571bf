package dev.panels.keycloak.stytch.broker;

import dev.panels.keycloak.stytch.client.StytchFailure;
import dev.panels.keycloak.stytch.mappers.StytchRoleMapper;

import dev.panels.keycloak.stytch.client.StytchModels.Member;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.RefreshToken;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.TokenRefreshContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.resources.IdentityBrokerService;

/**
 * See {@link StytchSessionCheckExecutorFactory}. Runs when a refresh request arrives, before Keycloak builds the new
 * tokens: the refresh token (signature verified) names the user session; if that session came through Stytch and its
 * last check is older than the IdP's interval, Stytch is asked whether the member session is still active and what the
 * member's status and roles are now. An ended session or a deleted or deactivated member ends the Keycloak session and
 * refuses the refresh; otherwise the user's roles follow Stytch's, so the new access token already carries them.
 */
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
        if (context.getEvent() != ClientPolicyEvent.TOKEN_REFRESH) {
            return;
        }
        String raw = ((TokenRefreshContext) context).getParams().getFirst(OAuth2Constants.REFRESH_TOKEN);
        // Verified decoding; a bad refresh token is left for Keycloak to refuse.
        RefreshToken refreshToken = raw == null ? null : session.tokens().decode(raw, RefreshToken.class);
        RealmModel realm = session.getContext().getRealm();
        if (refreshToken == null || refreshToken.getSessionId() == null) {
            return;
        }
        UserSessionModel userSession = session.sessions().getUserSession(realm, refreshToken.getSessionId());
        if (userSession != null) {
            check(realm, userSession);
        }
    }

    private void check(RealmModel realm, UserSessionModel userSession) throws ClientPolicyException {
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
        Member member;
        try {
            boolean active = stytch.gateway().memberSessions(orgId, memberId).stream().anyMatch(s -> sessionId.equals(s.sessionId()));
            member = active ? stytch.gateway().member(orgId, memberId) : null;
        } catch (StytchFailure e) {
            if (e.kind() != StytchFailure.Kind.SESSION_EXPIRED && e.kind() != StytchFailure.Kind.MEMBER_NOT_FOUND) {
                // Stytch unreachable: keep the session (fail open) rather than sign everyone out during an outage.
                LOG.warnf("Cannot check the Stytch session of user session %s: %s", userSession.getId(), e.getMessage());
                return;
            }
            member = null;
        }
        if (member != null && member.statusActive()) {
            StytchRoleMapper.syncAll(session, realm, userSession.getUser(), alias, member.roles());
            cache.markValid(sessionId, stytch.getConfig().getSessionCheckSeconds());
            return;
        }
        end(realm, userSession, alias, orgId, memberId, member == null ? "stytch_session_ended" : "stytch_member_inactive");
    }

    private void end(RealmModel realm, UserSessionModel userSession, String alias, String orgId, String memberId, String step)
            throws ClientPolicyException {
        String userSessionId = userSession.getId();
        new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.LOGOUT)
                .user(userSession.getUser())
                .session(userSession)
                .detail(Details.IDENTITY_PROVIDER, alias)
                .detail(StytchEvents.STEP, step)
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
