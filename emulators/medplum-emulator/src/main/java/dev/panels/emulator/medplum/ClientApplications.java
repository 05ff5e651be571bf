package dev.panels.emulator.medplum;

import com.fasterxml.jackson.databind.JsonNode;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Medplum's ClientApplication as JSON, both ways, for project admins: {@code admin/client.ts} ({@code createClient}:
 * a generated secret and a non-admin ProjectMembership whose user and profile are the client) and the FHIR read and
 * update of the resource. Writes are validated as Medplum's strict mode does for the fields this system uses: an
 * {@code identityProvider} needs all of {@code authorizeUrl}, {@code tokenUrl}, {@code userInfoUrl}, {@code clientId}
 * and {@code clientSecret} (required in Medplum's IdentityProvider type).
 */
final class ClientApplications {

    private static final List<String> IDP_REQUIRED = List.of("authorizeUrl", "tokenUrl", "userInfoUrl", "clientId", "clientSecret");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientApplications() {
    }

    /** {@code POST /admin/projects/{id}/client}: Medplum's {@code createClientValidator} wants a name. */
    static Directory.ClientApp create(Directory directory, String projectId, JsonNode body) throws Invalid {
        String name = text(body, "name");
        if (name == null || name.isEmpty()) {
            throw new Invalid("Client name is required", "name");
        }
        Directory.IdentityProvider idp = identityProvider(body.get("identityProvider"));
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        Directory.ClientApp client = new Directory.ClientApp(UUID.randomUUID().toString(), projectId, name,
                HexFormat.of().formatHex(secret), true, idp);
        directory.add(client);
        directory.add(new Directory.Membership(UUID.randomUUID().toString(), projectId, "ClientApplication/" + client.id(),
                "ClientApplication/" + client.id(), null, false));
        return client;
    }

    /** FHIR update: the whole resource is replaced, so a {@code secret} left out is gone, as in Medplum. */
    static Directory.ClientApp update(Directory.ClientApp existing, JsonNode body) throws Invalid {
        if (!"ClientApplication".equals(text(body, "resourceType"))) {
            throw new Invalid("Incorrect resource type", "resourceType");
        }
        if (!existing.id().equals(text(body, "id"))) {
            throw new Invalid("Incorrect ID", "id");
        }
        return new Directory.ClientApp(existing.id(), existing.projectId(), text(body, "name"), text(body, "secret"),
                !"off".equals(text(body, "status")), identityProvider(body.get("identityProvider")));
    }

    static Map<String, Object> json(Directory.ClientApp client) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("resourceType", "ClientApplication");
        r.put("id", client.id());
        r.put("meta", Map.of("project", client.projectId()));
        if (client.name() != null) {
            r.put("name", client.name());
        }
        r.put("status", client.active() ? "active" : "off");
        if (client.secret() != null) {
            r.put("secret", client.secret());
        }
        Directory.IdentityProvider idp = client.identityProvider();
        if (idp != null) {
            Map<String, Object> i = new LinkedHashMap<>();
            putIfPresent(i, "authorizeUrl", idp.authorizeUrl());
            putIfPresent(i, "tokenUrl", idp.tokenUrl());
            putIfPresent(i, "userInfoUrl", idp.userInfoUrl());
            putIfPresent(i, "clientId", idp.clientId());
            putIfPresent(i, "clientSecret", idp.clientSecret());
            i.put("useSubject", idp.useSubject());
            putIfPresent(i, "audience", idp.audience());
            r.put("identityProvider", i);
        }
        return r;
    }

    private static Directory.IdentityProvider identityProvider(JsonNode node) throws Invalid {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new Invalid("Invalid identityProvider", "identityProvider");
        }
        List<String> missing = new ArrayList<>();
        for (String field : IDP_REQUIRED) {
            String value = text(node, field);
            if (value == null || value.isEmpty()) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw new Invalid("Missing required property", "identityProvider." + missing.get(0));
        }
        JsonNode useSubject = node.get("useSubject");
        if (useSubject != null && !useSubject.isBoolean()) {
            throw new Invalid("Invalid JSON type: expected boolean", "identityProvider.useSubject");
        }
        return new Directory.IdentityProvider(text(node, "authorizeUrl"), text(node, "tokenUrl"), text(node, "userInfoUrl"),
                text(node, "clientId"), text(node, "clientSecret"), useSubject != null && useSubject.asBoolean(),
                text(node, "audience"));
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    static String text(JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** A write Medplum would refuse with 400 and one OperationOutcome issue at {@code expression}. */
    static final class Invalid extends Exception {
        final String expression;

        Invalid(String message, String expression) {
            super(message);
            this.expression = expression;
        }

        Map<String, Object> outcome() {
            Map<String, Object> issue = new LinkedHashMap<>();
            issue.put("severity", "error");
            issue.put("code", "invalid");
            issue.put("details", Map.of("text", getMessage()));
            issue.put("expression", List.of(expression));
            return Map.of("resourceType", "OperationOutcome", "issue", List.of(issue));
        }
    }
}
