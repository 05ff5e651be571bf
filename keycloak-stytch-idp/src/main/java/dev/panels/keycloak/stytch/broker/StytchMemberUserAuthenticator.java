package dev.panels.keycloak.stytch.broker;

import dev.panels.identity.MemberUserIds;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.AbstractIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * First broker login for Stytch members: one Keycloak user per Stytch membership, created without any page.
 * <p>
 * The user's id is {@link MemberUserIds#userId} of the member id and its username the member id, so a person in two
 * Stytch organizations (two members, one email) becomes two users, each with its own organization, roles and
 * {@code sub}, and a member re-created in Stytch (new member id) becomes a new user that inherits nothing. Accounts are
 * never linked by email: the only user this step ever reuses is the one whose id derives from this very member id
 * (its link was removed, e.g. by an admin). Stytch's data is written as Stytch says, including whether it verified
 * the email.
 */
public class StytchMemberUserAuthenticator extends AbstractIdpAuthenticator {

    private static final Logger LOG = Logger.getLogger(StytchMemberUserAuthenticator.class);

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
                                    BrokeredIdentityContext brokerContext) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        if (!StytchIdentityProviderFactory.PROVIDER_ID.equals(brokerContext.getIdpConfig().getProviderId())) {
            LOG.warnf("First broker login of realm %s uses %s for identity provider %s, which is not a Stytch provider",
                    realm.getName(), StytchMemberUserAuthenticatorFactory.PROVIDER_ID, brokerContext.getIdpConfig().getAlias());
            sendFailureChallenge(context, Response.Status.INTERNAL_SERVER_ERROR, Errors.IDENTITY_PROVIDER_ERROR,
                    "stytchMemberFlowMisconfigured", AuthenticationFlowError.IDENTITY_PROVIDER_ERROR);
            return;
        }
        String memberId = brokerContext.getId();
        String userId = MemberUserIds.userId(realm.getName(), memberId);
        UserModel user = session.users().getUserById(realm, userId);
        if (user != null) {
            // This member's own user (the id derives from the member id): only its IdP link had gone.
            context.setUser(user);
            context.success();
            return;
        }
        if (session.users().getUserByUsername(realm, memberId) != null) {
            context.getEvent().detail(StytchEvents.MEMBER_ID, memberId).error(Errors.FEDERATED_IDENTITY_EXISTS);
            context.failureChallenge(AuthenticationFlowError.INVALID_USER, context.form()
                    .setError("stytchMemberAccountConflict").createErrorPage(Response.Status.CONFLICT));
            return;
        }
        user = session.users().addUser(realm, userId, memberId, true, true);
        user.setEnabled(true);
        StytchIdentityProvider.syncIdentity(user, brokerContext);
        context.setUser(user);
        context.getAuthenticationSession().setAuthNote(AbstractIdentityProvider.BROKER_REGISTERED_NEW_USER, "true");
        context.success();
    }

    @Override
    protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
                              BrokeredIdentityContext brokerContext) {
        // no form: nothing to submit
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }
}
