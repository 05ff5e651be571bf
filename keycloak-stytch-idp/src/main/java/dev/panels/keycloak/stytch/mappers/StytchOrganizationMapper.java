package dev.panels.keycloak.stytch.mappers;

import dev.panels.keycloak.stytch.broker.StytchIdentityProvider;
import dev.panels.keycloak.stytch.broker.StytchIdentityProviderConfig;

import org.jboss.logging.Logger;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The member's Stytch organization → membership in the Keycloak Organization whose attribute (the IdP's
 * {@code stytchOrganizationAttribute}, default {@code stytch_organization_id}) holds that id. Sets the auth note
 * {@code kc.org} so the login resolves that organization, and adds the user as a managed member.
 */
public class StytchOrganizationMapper extends AbstractStytchMapper {

    public static final String PROVIDER_ID = "stytch-organization-mapper";
    private static final Logger LOG = Logger.getLogger(StytchOrganizationMapper.class);

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayCategory() {
        return "Organization";
    }

    @Override
    public String getDisplayType() {
        return "Stytch Organization to Keycloak Organization";
    }

    @Override
    public String getHelpText() {
        return "Makes the user a managed member of the Keycloak Organization linked to the member's Stytch organization.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    private Optional<OrganizationModel> organization(KeycloakSession session, RealmModel realm, BrokeredIdentityContext context) {
        Object json = context.getContextData().get(StytchIdentityProvider.CONTEXT_CLAIMS);
        if (json == null || !realm.isOrganizationsEnabled()) {
            return Optional.empty();
        }
        String stytchOrg = StytchClaims.parse(json.toString()).organizationId();
        String attribute = new StytchIdentityProviderConfig(context.getIdpConfig()).getOrganizationAttribute();
        OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
        if (orgs == null || stytchOrg == null) {
            return Optional.empty();
        }
        Optional<OrganizationModel> org = orgs.getAllStream(Map.of(attribute, stytchOrg), 0, 2)
                .filter(OrganizationModel::isEnabled).findFirst();
        if (org.isEmpty()) {
            LOG.debugf("No Keycloak organization in realm %s carries %s=%s", realm.getName(), attribute, stytchOrg);
        }
        return org;
    }

    @Override
    public void preprocessFederatedIdentity(KeycloakSession session, RealmModel realm, IdentityProviderMapperModel mapperModel,
                                            BrokeredIdentityContext context) {
        if (context.getAuthenticationSession() == null) {
            return;
        }
        organization(session, realm, context).ifPresent(o ->
                context.getAuthenticationSession().setAuthNote(OrganizationModel.ORGANIZATION_ATTRIBUTE, o.getId()));
    }

    /** Adds the user as a managed member of the Keycloak Organization linked to their Stytch organization. */
    @Override
    void sync(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
              BrokeredIdentityContext context) {
        organization(session, realm, context).ifPresent(org -> {
            OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
            if (!orgs.isMember(org, user)) {
                orgs.addManagedMember(org, user);
            }
        });
    }
}
