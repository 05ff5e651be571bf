package dev.panels.keycloak.stytch.broker;

import dev.panels.keycloak.stytch.client.StytchFailure;
import dev.panels.keycloak.stytch.client.StytchGateway;

import dev.panels.keycloak.stytch.broker.StytchIdentityProviderConfig.OrganizationMode;
import dev.panels.keycloak.stytch.client.StytchModels.Organization;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which Stytch organizations this realm accepts: one pinned organization, or those linked to Keycloak Organizations. */
final class OrganizationPolicy {

    private static final Logger LOG = Logger.getLogger(OrganizationPolicy.class);

    record LinkedOrganization(String keycloakOrganizationId, String name, String stytchOrganizationId) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final StytchIdentityProviderConfig config;

    OrganizationPolicy(KeycloakSession session, RealmModel realm, StytchIdentityProvider provider) {
        this.session = session;
        this.realm = realm;
        this.config = provider.getConfig();
    }

    boolean accepts(Organization organization) {
        if (organization == null) {
            return false;
        }
        if (config.getOrganizationMode() == OrganizationMode.PINNED) {
            return pinnedMatches(config.getOrganization(), organization);
        }
        return keycloakOrganizationFor(organization.organizationId()).isPresent();
    }

    /** By id only: a slug can be renamed, and a freed slug taken by another organization. */
    static boolean pinnedMatches(String pinned, Organization organization) {
        return pinned != null && pinned.equals(organization.organizationId());
    }

    List<LinkedOrganization> linkedOrganizations() {
        OrganizationProvider orgs = organizations();
        if (orgs == null) {
            return List.of();
        }
        List<LinkedOrganization> out = new ArrayList<>();
        orgs.getAllStream().filter(OrganizationModel::isEnabled).forEach(o -> {
            List<String> values = o.getAttributes().getOrDefault(config.getOrganizationAttribute(), List.of());
            for (String v : values) {
                if (v != null && !v.isBlank()) {
                    out.add(new LinkedOrganization(o.getId(), o.getName(), v.trim()));
                }
            }
        });
        return out;
    }

    /** The enabled Keycloak Organization of this realm carrying the Stytch organization id, if any. */
    Optional<OrganizationModel> keycloakOrganizationFor(String stytchOrganizationId) {
        OrganizationProvider orgs = organizations();
        if (orgs == null || stytchOrganizationId == null) {
            return Optional.empty();
        }
        return orgs.getAllStream(Map.of(config.getOrganizationAttribute(), stytchOrganizationId), 0, 2)
                .filter(OrganizationModel::isEnabled)
                .findFirst();
    }

    /** Organizations whose SSO connections and OAuth are offered on the login page. */
    List<Organization> ssoOrganizations(StytchGateway gateway) {
        List<Organization> out = new ArrayList<>();
        try {
            if (config.getOrganizationMode() == OrganizationMode.PINNED) {
                Organization o = pinnedOrganization(gateway);
                if (o != null) {
                    out.add(o);
                }
            } else {
                for (LinkedOrganization l : linkedOrganizations()) {
                    out.add(gateway.getOrganization(l.stytchOrganizationId()));
                }
            }
        } catch (StytchFailure e) {
            // The email and password forms still work; SSO buttons are left out while Stytch is unreachable.
            LOG.warnf("Cannot list Stytch SSO connections: %s", e.getMessage());
        }
        return out;
    }

    Organization pinnedOrganization(StytchGateway gateway) {
        String pinned = config.getOrganization();
        return pinned == null || !pinned.startsWith("organization-") ? null : gateway.getOrganization(pinned);
    }

    private OrganizationProvider organizations() {
        if (!realm.isOrganizationsEnabled()) {
            return null;
        }
        return session.getProvider(OrganizationProvider.class);
    }
}
