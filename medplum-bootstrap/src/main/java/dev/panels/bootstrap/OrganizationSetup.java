package dev.panels.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.panels.bootstrap.BootstrapSettings.Organization;
import dev.panels.identity.MemberUserIds;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sets one organization's Medplum project up, each step idempotent and printed: (1) sign in as the project's admin
 * client, (2) the clinicians' AccessPolicy, (3) the ClientApplication Keycloak exchanges tokens with, its identity
 * provider pointing at the realm's userinfo endpoint with {@code useSubject}, (4) a ProjectMembership for every
 * Stytch member whose {@code externalId} is the Keycloak user id of that member ({@link MemberUserIds}), (5) the
 * live-update Subscriptions ({@link LiveSubscriptions}) when the app's URL and hook key are given.
 */
final class OrganizationSetup {

    static final String POLICY_NAME = "Panels clinician";
    static final String EXCHANGE_CLIENT_NAME = "Panels token exchange (Keycloak)";
    /** Required by Medplum's IdentityProvider type, never used by token exchange (Medplum only calls userinfo). */
    static final String UNUSED_CLIENT_SECRET = "unused-token-exchange-only";

    /** What one organization's run did, for the summary. */
    record Result(String policy, String exchangeClient, int present, int invited, int skipped, List<String> attention) {
    }

    private final BootstrapSettings settings;
    private final StytchMembers stytch;
    private final PrintStream out;

    OrganizationSetup(BootstrapSettings settings, StytchMembers stytch, PrintStream out) {
        this.settings = settings;
        this.stytch = stytch;
        this.out = out;
    }

    Result run(Organization org) {
        step(org, 1, "sign in as project admin " + org.adminClientId());
        MedplumAdmin admin = MedplumAdmin.signIn(settings.medplumBaseUrl(), org.adminClientId(), org.adminClientSecret(), org.medplumProject());
        done("admin of " + org.medplumProject());

        step(org, 2, "access policy '" + POLICY_NAME + "'");
        String policy = ensurePolicy(admin);

        step(org, 3, "token-exchange client");
        String client = ensureExchangeClient(admin, org);

        step(org, 4, "memberships for the Stytch members of " + org.stytchOrganizationId());
        List<StytchMembers.Member> members = stytch.of(org.stytchOrganizationId());
        int present = 0;
        int invited = 0;
        int skipped = 0;
        List<String> attention = new ArrayList<>();
        for (StytchMembers.Member member : members) {
            if (!member.canSignIn()) {
                skipped++;
                continue;
            }
            String externalId = MemberUserIds.userId(settings.realmName(), member.memberId());
            if (!admin.searchExact("ProjectMembership", "external-id", "externalId", externalId).isEmpty()) {
                present++;
                continue;
            }
            try {
                admin.invite(invitation(member, externalId, policy));
                invited++;
                out.println("      invited " + member.email() + " (" + member.memberId() + ") as " + externalId);
            } catch (BootstrapException e) {
                attention.add(member.email() + " (" + member.memberId() + "): " + e.getMessage()
                        + "; give its ProjectMembership externalId " + externalId + " in Medplum");
            }
        }
        done(present + " present, " + invited + " invited, " + skipped + " deleted in Stytch (skipped)"
                + (attention.isEmpty() ? "" : ", " + attention.size() + " need attention"));
        attention.forEach(line -> out.println("      needs attention: " + line));

        step(org, 5, "live-update Subscriptions");
        if (settings.live() == null) {
            done("skipped: set PANELS_APP_URL and PANELS_LIVE_HOOK_KEY for live worklists");
        } else {
            LiveSubscriptions.ensure(admin, org.stytchOrganizationId(), settings.live(), this::done);
        }
        return new Result(policy, client, present, invited, skipped, List.copyOf(attention));
    }

    /** The policy by exact name: created when missing, its rules replaced when they differ from ours. */
    private String ensurePolicy(MedplumAdmin admin) {
        ObjectNode wanted = policyTemplate();
        List<JsonNode> found = admin.searchExact("AccessPolicy", "name", "name", POLICY_NAME);
        if (found.size() > 1) {
            throw new BootstrapException(found.size() + " access policies are named '" + POLICY_NAME + "': keep one");
        }
        if (found.isEmpty()) {
            String id = admin.create("AccessPolicy", wanted).path("id").asText();
            done("created AccessPolicy/" + id);
            return "AccessPolicy/" + id;
        }
        ObjectNode existing = (ObjectNode) found.get(0);
        String id = existing.path("id").asText();
        if (existing.path("resource").equals(wanted.path("resource")) && existing.path("description").equals(wanted.path("description"))) {
            done("unchanged AccessPolicy/" + id);
        } else {
            existing.set("resource", wanted.path("resource"));
            existing.set("description", wanted.path("description"));
            admin.update(existing);
            done("updated AccessPolicy/" + id);
        }
        return "AccessPolicy/" + id;
    }

    private String ensureExchangeClient(MedplumAdmin admin, Organization org) {
        ObjectNode idp = identityProvider();
        Optional<JsonNode> existing;
        if (org.exchangeClientId() != null) {
            existing = admin.read("ClientApplication", org.exchangeClientId());
            if (existing.isEmpty()) {
                throw new BootstrapException("MEDPLUM_CLIENT_" + org.key() + "=" + org.exchangeClientId()
                        + " is not a ClientApplication of project " + org.medplumProject());
            }
        } else {
            List<JsonNode> byName = admin.searchExact("ClientApplication", "name", "name", EXCHANGE_CLIENT_NAME);
            existing = byName.stream().findFirst();
        }
        String id;
        if (existing.isEmpty()) {
            ObjectNode body = MedplumAdmin.JSON.createObjectNode().put("name", EXCHANGE_CLIENT_NAME)
                    .put("description", "Keycloak exchanges its users' tokens here (medplum-bootstrap)");
            body.set("identityProvider", idp);
            id = admin.createClient(body).path("id").asText();
            done("created ClientApplication/" + id);
        } else {
            ObjectNode client = (ObjectNode) existing.get();
            id = client.path("id").asText();
            if (idp.equals(client.path("identityProvider"))) {
                done("unchanged ClientApplication/" + id);
            } else {
                client.set("identityProvider", idp);
                admin.update(client);
                done("updated ClientApplication/" + id + " (identity provider " + idp.path("userInfoUrl").asText() + ")");
            }
        }
        if (!id.equals(org.exchangeClientId())) {
            out.println("      the realm must name this client: set MEDPLUM_CLIENT_" + org.key() + "=" + id);
        }
        return id;
    }

    private ObjectNode identityProvider() {
        ObjectNode idp = MedplumAdmin.JSON.createObjectNode();
        idp.put("authorizeUrl", settings.keycloakEndpoint("auth"));
        idp.put("tokenUrl", settings.keycloakEndpoint("token"));
        idp.put("userInfoUrl", settings.keycloakEndpoint("userinfo"));
        idp.put("clientId", settings.subjectTokenAudience());
        idp.put("clientSecret", UNUSED_CLIENT_SECRET);
        idp.put("useSubject", true);
        idp.put("audience", settings.subjectTokenAudience());
        return idp;
    }

    private static ObjectNode invitation(StytchMembers.Member member, String externalId, String policy) {
        String[] names = names(member);
        ObjectNode body = MedplumAdmin.JSON.createObjectNode().put("resourceType", "Practitioner")
                .put("firstName", names[0]).put("lastName", names[1]).put("externalId", externalId).put("sendEmail", false);
        if (member.email() != null) {
            body.put("email", member.email());
        }
        body.putObject("accessPolicy").put("reference", policy);
        return body;
    }

    /** Medplum wants a first and a last name: the Stytch name split at its last space, else the email's local part. */
    static String[] names(StytchMembers.Member member) {
        String name = member.name() == null ? "" : member.name().trim();
        if (name.contains(" ")) {
            int split = name.lastIndexOf(' ');
            return new String[] {name.substring(0, split).trim(), name.substring(split + 1)};
        }
        String first = !name.isEmpty() ? name
                : member.email() == null ? member.memberId() : member.email().substring(0, member.email().indexOf('@'));
        return new String[] {first, "(Stytch member)"};
    }

    static ObjectNode policyTemplate() {
        try (InputStream in = OrganizationSetup.class.getResourceAsStream("/panels-clinician-access-policy.json")) {
            return (ObjectNode) MedplumAdmin.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void step(Organization org, int number, String what) {
        out.print("[" + org.label() + "] " + number + "/4 " + what + " ... ");
        out.flush();
    }

    private void done(String what) {
        out.println(what);
    }
}
