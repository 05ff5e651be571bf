package dev.panels.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.panels.emulator.stytch.StytchEmulator;
import dev.panels.testsupport.KeycloakAdmin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creates (once) a realm for the Stytch ITs through the admin REST API, independent of the shared realm export:
 * realm roles panels-viewer/editor/admin, a public PKCE client {@code it-app}, Keycloak Organizations for Northwind and
 * Riverside carrying their Stytch ids, the {@code stytch-b2b} IdP pointed at the emulator with the Stytch first broker
 * login (one user per membership, duplicate emails allowed as in the realm export), its role/attribute/organization
 * mappers, and the {@code stytch-session-check} client policy.
 */
public final class StytchTestRealm {

    public static final String CLIENT_ID = "it-app";
    public static final String REDIRECT_URI = "http://127.0.0.1:18099/callback";
    public static final String ALIAS = "stytch-b2b";
    public static final String NORTHWIND = "organization-test-11111111-1111-4111-8111-111111111111";
    public static final String RIVERSIDE = "organization-test-22222222-2222-4222-8222-222222222222";
    static final String FIRST_BROKER_LOGIN = "stytch first broker login";
    static final String LINKED_REALM = "stytch-it-linked";
    static final String PINNED_REALM = "stytch-it-riverside";

    private StytchTestRealm() {
    }

    /** Linked mode (shared realm): both sample organizations accepted. */
    public static synchronized String linked(KeycloakServer kc) {
        return ensure(kc, LINKED_REALM, Map.of("stytchOrganizationMode", "linked",
                "stytchLoginMethods", "discovery_magic_link##password##sso"));
    }

    /** Realm per organization: pinned to Riverside by its id. */
    public static synchronized String pinnedRiverside(KeycloakServer kc) {
        return ensure(kc, PINNED_REALM, Map.of("stytchOrganizationMode", "pinned", "stytchOrganization", RIVERSIDE,
                "stytchLoginMethods", "discovery_magic_link##password##sso##oauth", "stytchOAuthProviders", "google"));
    }

    public static Map<String, String> idpConfig(StytchEmulator stytch, Map<String, String> extra) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("clientId", stytch.projectId());
        c.put("clientSecret", stytch.secret());
        c.put("stytchEnvironment", "custom");
        c.put("stytchApiBaseUrl", stytch.baseUrl());
        c.put("stytchPublicToken", stytch.publicToken());
        c.put("stytchSessionDurationMinutes", "60");
        c.put("stytchSessionCheckSeconds", "0");
        c.put("stytchRateLimitPerEmail", "20");
        c.put("stytchRateLimitPerIp", "200");
        c.put("syncMode", "FORCE");
        c.putAll(extra);
        return c;
    }

    private static String ensure(KeycloakServer kc, String realm, Map<String, String> idpExtra) {
        KeycloakAdmin admin = kc.admin();
        if (admin.status(realm) == 200) {
            return realm;
        }
        ObjectNode r = KeycloakAdmin.JSON.createObjectNode();
        r.put("realm", realm).put("enabled", true).put("sslRequired", "none").put("organizationsEnabled", true)
                .put("eventsEnabled", true).put("adminEventsEnabled", false)
                .put("loginWithEmailAllowed", false).put("duplicateEmailsAllowed", true);
        ObjectNode flow = r.putArray("authenticationFlows").addObject();
        flow.put("alias", FIRST_BROKER_LOGIN).put("providerId", "basic-flow").put("topLevel", true).put("builtIn", false);
        flow.putArray("authenticationExecutions").addObject().put("authenticator", "stytch-member-user")
                .put("requirement", "REQUIRED").put("priority", 10).put("authenticatorFlow", false);
        ArrayNode roles = r.putObject("roles").putArray("realm");
        for (String role : List.of("panels-viewer", "panels-editor", "panels-admin")) {
            roles.addObject().put("name", role);
        }
        ObjectNode client = r.putArray("clients").addObject();
        client.put("clientId", CLIENT_ID).put("publicClient", true).put("standardFlowEnabled", true)
                .put("directAccessGrantsEnabled", false);
        client.putArray("redirectUris").add(REDIRECT_URI);
        client.putObject("attributes").put("pkce.code.challenge.method", "S256").put("post.logout.redirect.uris", REDIRECT_URI);
        admin.post("", r);
        // the mapped Stytch ids are unmanaged attributes here: let admins see them
        ObjectNode profile0 = (ObjectNode) admin.get(realm + "/users/profile");
        profile0.put("unmanagedAttributePolicy", "ADMIN_VIEW");
        admin.put(realm + "/users/profile", profile0);

        for (String[] org : new String[][]{{"Northwind Clinic", "northwind", NORTHWIND}, {"Riverside Health", "riverside", RIVERSIDE}}) {
            ObjectNode o = KeycloakAdmin.JSON.createObjectNode();
            o.put("name", org[0]).put("alias", org[1]).put("enabled", true);
            o.putArray("domains").addObject().put("name", org[1] + ".example");
            o.putObject("attributes").putArray("stytch_organization_id").add(org[2]);
            admin.post(realm + "/organizations", o);
        }

        ObjectNode idp = KeycloakAdmin.JSON.createObjectNode();
        idp.put("alias", ALIAS).put("providerId", "stytch-b2b").put("displayName", "Stytch").put("enabled", true)
                .put("trustEmail", true).put("firstBrokerLoginFlowAlias", FIRST_BROKER_LOGIN);
        idp.set("config", KeycloakAdmin.JSON.valueToTree(idpConfig(kc.stytch(), idpExtra)));
        admin.post(realm + "/identity-provider/instances", idp);

        mapper(admin, realm, "admin role", "stytch-role-mapper", Map.of("stytch.roles", "panels-admin", "role", "panels-admin"));
        mapper(admin, realm, "builder role", "stytch-role-mapper", Map.of("stytch.roles", "panels-builder", "role", "panels-editor"));
        mapper(admin, realm, "user role", "stytch-role-mapper", Map.of("stytch.roles", "panels-user", "role", "panels-viewer"));
        mapper(admin, realm, "member id", "stytch-attribute-mapper", Map.of("stytch.field", "member.member_id", "user.attribute", "stytch_member_id"));
        mapper(admin, realm, "org id", "stytch-attribute-mapper", Map.of("stytch.field", "organization.organization_id", "user.attribute", "stytch_organization_id"));
        mapper(admin, realm, "organization", "stytch-organization-mapper", Map.of());

        ObjectNode profiles = KeycloakAdmin.JSON.createObjectNode();
        ObjectNode profile = profiles.putArray("profiles").addObject();
        profile.put("name", "stytch-session").put("description", "Stytch session still active at refresh");
        profile.putArray("executors").addObject().put("executor", "stytch-session-check").putObject("configuration");
        admin.put(realm + "/client-policies/profiles", profiles);
        ObjectNode policies = KeycloakAdmin.JSON.createObjectNode();
        ObjectNode policy = policies.putArray("policies").addObject();
        policy.put("name", "stytch-session").put("enabled", true);
        policy.putArray("conditions").addObject().put("condition", "any-client").putObject("configuration");
        policy.putArray("profiles").add("stytch-session");
        admin.put(realm + "/client-policies/policies", policies);
        return realm;
    }

    static void mapper(KeycloakAdmin admin, String realm, String name, String type, Map<String, String> config) {
        ObjectNode m = KeycloakAdmin.JSON.createObjectNode();
        m.put("name", name).put("identityProviderAlias", ALIAS).put("identityProviderMapper", type);
        Map<String, String> c = new LinkedHashMap<>(config);
        c.put("syncMode", "INHERIT");
        m.set("config", KeycloakAdmin.JSON.valueToTree(c));
        admin.post(realm + "/identity-provider/instances/" + ALIAS + "/mappers", m);
    }

    /** The Keycloak user with this email (a member of one organization), or null. */
    public static JsonNode user(KeycloakServer kc, String realm, String email) {
        JsonNode users = kc.admin().get(realm + "/users?exact=true&email=" + KeycloakAdmin.enc(email));
        assertThat(users.size()).as("users with email " + email + " in " + realm).isLessThanOrEqualTo(1);
        return users.isEmpty() ? null : users.get(0);
    }
}
