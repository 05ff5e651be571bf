package dev.panels.keycloak.stytch.mappers;

import dev.panels.keycloak.stytch.broker.StytchIdentityProvider;
import dev.panels.keycloak.stytch.broker.StytchSessionCheckExecutor;

import org.jboss.logging.Logger;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.ConfigConstants;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Stytch role → Keycloak realm or client role. The role is granted when the member holds any of the configured Stytch
 * role ids and removed when it holds none, on the first login and (sync mode FORCE or LEGACY) on every later login.
 * Use one mapper per Keycloak role.
 */
public class StytchRoleMapper extends AbstractStytchMapper {

    public static final String PROVIDER_ID = "stytch-role-mapper";
    public static final String STYTCH_ROLES = "stytch.roles";

    private static final Logger LOG = Logger.getLogger(StytchRoleMapper.class);
    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property().name(STYTCH_ROLES).label("Stytch role ids")
            .helpText("Stytch RBAC role ids (e.g. panels-admin, stytch_admin); holding any of them grants the role.")
            .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
            .property().name(ConfigConstants.ROLE).label("Role")
            .helpText("Realm role, or client role as clientId.roleName.")
            .type(ProviderConfigProperty.ROLE_TYPE).add()
            .build();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayCategory() {
        return "Role Importer";
    }

    @Override
    public String getDisplayType() {
        return "Stytch Role to Role";
    }

    @Override
    public String getHelpText() {
        return "Grants a Keycloak role while the Stytch member holds one of the given Stytch roles; removes it otherwise.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    /** Whether the member's Stytch roles include any of the configured ones. */
    static boolean holdsAny(Collection<String> memberRoles, String configured) {
        if (configured == null || configured.isBlank()) {
            return false;
        }
        return Arrays.stream(configured.split("##|,"))
                .map(String::trim).filter(s -> !s.isEmpty())
                .anyMatch(memberRoles::contains);
    }

    @Override
    void sync(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
              BrokeredIdentityContext context) {
        String roleName = mapperModel.getConfig().get(ConfigConstants.ROLE);
        RoleModel role = KeycloakModelUtils.getRoleFromString(session, realm, roleName);
        if (role == null) {
            LOG.warnf("Stytch role mapper '%s' in realm '%s' names an unknown role '%s'", mapperModel.getName(), realm.getName(), roleName);
            return;
        }
        Object json = context.getContextData().get(StytchIdentityProvider.CONTEXT_CLAIMS);
        if (json == null) {
            return; // not a Stytch login
        }
        apply(user, role, mapperModel, StytchClaims.parse(json.toString()).roles());
    }

    /**
     * Grants or removes this mapper's role for a member holding {@code memberRoles} now: at sign-in, and at token
     * refresh ({@link StytchSessionCheckExecutor}) so a role changed in Stytch shows within the session-check interval.
     */
    public static void syncAll(KeycloakSession session, RealmModel realm, UserModel user, String idpAlias, List<String> memberRoles) {
        session.identityProviders().getMappersByAliasStream(idpAlias)
                .filter(m -> PROVIDER_ID.equals(m.getIdentityProviderMapper()))
                .forEach(m -> {
                    RoleModel role = KeycloakModelUtils.getRoleFromString(session, realm, m.getConfig().get(ConfigConstants.ROLE));
                    if (role != null) {
                        apply(user, role, m, memberRoles);
                    }
                });
    }

    private static void apply(UserModel user, RoleModel role, IdentityProviderMapperModel mapperModel, List<String> memberRoles) {
        if (holdsAny(memberRoles, mapperModel.getConfig().get(STYTCH_ROLES))) {
            if (!user.hasDirectRole(role)) {
                user.grantRole(role);
            }
        } else if (user.hasDirectRole(role)) {
            user.deleteRoleMapping(role);
        }
    }
}
