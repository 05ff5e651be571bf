package dev.panels.keycloak.stytch.mappers;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.panels.keycloak.stytch.client.StytchModels.Member;
import dev.panels.keycloak.stytch.client.StytchModels.Organization;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The member and organization as a JSON tree in Stytch's own field names, carried in the brokered context (it survives
 * Keycloak's first-broker-login serialization) and read by the mappers with dotted paths such as
 * {@code member.trusted_metadata.department} or {@code organization.organization_slug}.
 */
public final class StytchClaims {

    private final Map<String, Object> tree;

    private StytchClaims(Map<String, Object> tree) {
        this.tree = tree;
    }

    public static StytchClaims of(Member member, Organization organization) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("member_id", member.memberId());
        m.put("organization_id", member.organizationId());
        m.put("email_address", member.email());
        m.put("email_address_verified", member.emailVerified());
        m.put("name", member.name());
        m.put("status", member.status());
        m.put("roles", member.roles());
        m.put("external_id", member.externalId());
        m.put("mfa_phone_number", member.mfaPhoneNumber());
        m.put("trusted_metadata", member.trustedMetadata());
        m.put("untrusted_metadata", member.untrustedMetadata());
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("organization_id", organization.organizationId());
        o.put("organization_name", organization.name());
        o.put("organization_slug", organization.slug());
        o.put("trusted_metadata", organization.trustedMetadata());
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("member", m);
        tree.put("organization", o);
        return new StytchClaims(tree);
    }

    public static StytchClaims parse(String json) {
        if (json == null || json.isEmpty()) {
            return new StytchClaims(Map.of());
        }
        try {
            return new StytchClaims(JsonSerialization.readValue(json, new TypeReference<Map<String, Object>>() {
            }));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable Stytch claims", e);
        }
    }

    public String toJson() {
        try {
            return JsonSerialization.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The member's Stytch role ids. */
    public List<String> roles() {
        return values("member.roles");
    }

    public String organizationId() {
        return first("organization.organization_id");
    }

    public String email() {
        return first("member.email_address");
    }

    /** Whether Stytch has verified the member's email address (false when Stytch did not say). */
    public boolean emailVerified() {
        return "true".equals(first("member.email_address_verified"));
    }

    private String first(String path) {
        List<String> v = values(path);
        return v.isEmpty() ? null : v.get(0);
    }

    /**
     * Values at a dotted path: a scalar gives one value, a list gives its scalar elements, an object or a missing path
     * gives none. A path segment may itself contain dots when quoted with brackets: {@code member.trusted_metadata["a.b"]}.
     */
    public List<String> values(String path) {
        Object node = tree;
        for (String segment : segments(path)) {
            if (!(node instanceof Map<?, ?> map)) {
                return List.of();
            }
            node = map.get(segment);
            if (node == null) {
                return List.of();
            }
        }
        List<String> out = new ArrayList<>();
        if (node instanceof Collection<?> c) {
            for (Object e : c) {
                if (e != null && !(e instanceof Map) && !(e instanceof Collection)) {
                    out.add(e.toString());
                }
            }
        } else if (!(node instanceof Map)) {
            out.add(node.toString());
        }
        return out;
    }

    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        if (path == null) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        int i = 0;
        while (i < path.length()) {
            char ch = path.charAt(i);
            if (ch == '.') {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                i++;
            } else if (ch == '[' && i + 1 < path.length() && path.charAt(i + 1) == '"') {
                int end = path.indexOf("\"]", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed [\" in path " + path);
                }
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                out.add(path.substring(i + 2, end));
                i = end + 2;
            } else {
                cur.append(ch);
                i++;
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }
}
