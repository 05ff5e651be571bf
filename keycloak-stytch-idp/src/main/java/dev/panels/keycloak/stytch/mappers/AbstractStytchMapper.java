package dev.panels.keycloak.stytch.mappers;

import dev.panels.keycloak.stytch.broker.StytchIdentityProviderFactory;

import org.keycloak.broker.provider.AbstractIdentityProviderMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What every Stytch identity-provider mapper shares: it applies only to the {@code stytch-b2b} provider, supports
 * every sync mode, and brings the user in line with Stytch the same way on first login and on every later one
 * (so something removed in Stytch is removed in Keycloak).
 */
abstract class AbstractStytchMapper extends AbstractIdentityProviderMapper {

    @Override
    public String[] getCompatibleProviders() {
        return new String[]{StytchIdentityProviderFactory.PROVIDER_ID};
    }

    @Override
    public boolean supportsSyncMode(IdentityProviderSyncMode syncMode) {
        return true;
    }

    @Override
    public void importNewUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
                              BrokeredIdentityContext context) {
        sync(session, realm, user, mapperModel, context);
    }

    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
                                   BrokeredIdentityContext context) {
        sync(session, realm, user, mapperModel, context);
    }

    @Override
    public void updateBrokeredUserLegacy(KeycloakSession session, RealmModel realm, UserModel user,
                                         IdentityProviderMapperModel mapperModel, BrokeredIdentityContext context) {
        sync(session, realm, user, mapperModel, context);
    }

    /** Makes the user match what Stytch says now. */
    abstract void sync(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
                       BrokeredIdentityContext context);
}
