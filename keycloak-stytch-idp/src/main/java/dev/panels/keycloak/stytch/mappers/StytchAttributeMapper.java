package dev.panels.keycloak.stytch.mappers;

import dev.panels.keycloak.stytch.broker.StytchIdentityProvider;

import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A Stytch member or organization field → user attribute. The field is a dotted path into
 * {@code {member: {...}, organization: {...}}} in Stytch's field names, e.g. {@code member.member_id},
 * {@code member.trusted_metadata.department}, {@code organization.organization_id}. Lists become multi-valued
 * attributes; a missing field removes the attribute on sync.
 */
public class StytchAttributeMapper extends AbstractStytchMapper {

    public static final String PROVIDER_ID = "stytch-attribute-mapper";
    public static final String FIELD = "stytch.field";
    public static final String USER_ATTRIBUTE = "user.attribute";

    /** Attributes Keycloak manages itself and a mapper must not overwrite through here. */
    private static final Set<String> PROTECTED = Set.of("username", "email", "emailVerified", "createdTimestamp", "enabled");

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property().name(FIELD).label("Stytch field")
            .helpText("Dotted path, e.g. member.trusted_metadata.department or organization.organization_slug; "
                    + "quote keys containing dots as member.trusted_metadata[\"a.b\"].")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(USER_ATTRIBUTE).label("User attribute")
            .type(ProviderConfigProperty.USER_PROFILE_ATTRIBUTE_LIST_TYPE).add()
            .build();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayCategory() {
        return "Attribute Importer";
    }

    @Override
    public String getDisplayType() {
        return "Stytch Field to User Attribute";
    }

    @Override
    public String getHelpText() {
        return "Copies a Stytch member or organization field (trusted_metadata paths included) into a user attribute.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    /** The values to store, or empty when the field is absent. */
    static List<String> valuesFor(String claimsJson, String field) {
        return StytchClaims.parse(claimsJson).values(field);
    }

    @Override
    void sync(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
              BrokeredIdentityContext context) {
        String attribute = mapperModel.getConfig().get(USER_ATTRIBUTE);
        String field = mapperModel.getConfig().get(FIELD);
        Object json = context.getContextData().get(StytchIdentityProvider.CONTEXT_CLAIMS);
        if (attribute == null || attribute.isBlank() || field == null || json == null || PROTECTED.contains(attribute)) {
            return;
        }
        List<String> values = valuesFor(json.toString(), field);
        if (values.isEmpty()) {
            if (user.getAttributeStream(attribute).findAny().isPresent()) {
                user.removeAttribute(attribute);
            }
        } else if (!Objects.equals(user.getAttributeStream(attribute).toList(), values)) {
            user.setAttribute(attribute, values);
        }
    }
}
