package dev.panels.bootstrap;

import com.stytch.java.b2b.StytchB2BClient;
import com.stytch.java.b2b.models.organizationsmembers.CreateRequest;
import com.stytch.java.b2b.models.organizationsmembers.CreateRequestOptions;
import com.stytch.java.common.OptionalClientConfig;
import com.stytch.java.common.StytchResult;
import dev.panels.emulator.medplum.MedplumEmulator;
import dev.panels.emulator.medplum.MedplumEmulatorConfig;
import dev.panels.emulator.stytch.StytchEmulator;
import dev.panels.emulator.stytch.StytchEmulatorConfig;
import dev.panels.identity.LiveHooks;
import dev.panels.identity.MemberUserIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bootstrap against the two stand-ins, driven as a deployer would run it: Stytch (through its SDK) lists the
 * members, Medplum (over its HTTP API) gets the policy, the exchange client and the memberships.
 */
class MedplumBootstrapTest {

    private static final String RIVERSIDE_ORG = "organization-test-22222222-2222-4222-8222-222222222222";
    private static final String RIVERSIDE = "medplum-project-riverside";
    private static final String ISSUER = "https://login.example.org/realms/panels";

    private static StytchEmulator stytch;
    private static MedplumEmulator medplum;

    @BeforeAll
    static void start() {
        stytch = StytchEmulator.start(StytchEmulatorConfig.builder().port(0).build());
        medplum = MedplumEmulator.start(MedplumEmulatorConfig.builder().port(0).seed(3).patients(10).build());
    }

    @AfterAll
    static void stop() {
        medplum.close();
        stytch.close();
    }

    private static Map<String, String> env(String adminClient, String adminSecret) {
        Map<String, String> env = new HashMap<>();
        env.put("MEDPLUM_BASE_URL", medplum.baseUrl());
        env.put("PANELS_KEYCLOAK_ISSUER", ISSUER);
        env.put("STYTCH_PROJECT_ID", stytch.projectId());
        env.put("STYTCH_SECRET", stytch.secret());
        env.put("STYTCH_API_BASE_URL", stytch.baseUrl());
        env.put("MEDPLUM_BOOTSTRAP_ORGANIZATIONS", "RIVERSIDE");
        env.put("STYTCH_ORG_RIVERSIDE", RIVERSIDE_ORG);
        env.put("MEDPLUM_PROJECT_RIVERSIDE", RIVERSIDE);
        env.put("MEDPLUM_ADMIN_CLIENT_RIVERSIDE", adminClient);
        env.put("MEDPLUM_ADMIN_SECRET_RIVERSIDE", adminSecret);
        return env;
    }

    private static Run run(Map<String, String> env) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = MedplumBootstrap.run(env, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(status, bytes.toString(StandardCharsets.UTF_8));
    }

    record Run(int status, String output) {
    }

    private static String newStytchMember(String name) {
        StytchB2BClient client = new StytchB2BClient(stytch.projectId(), stytch.secret(), new OptionalClientConfig(stytch.baseUrl()));
        String email = "boot-" + UUID.randomUUID().toString().substring(0, 8) + "@riverside.example";
        var result = client.getOrganizations().getMembers().createCompletable(new CreateRequest(RIVERSIDE_ORG, email, name,
                null, null, null, null, null, null, List.of()), new CreateRequestOptions()).join();
        return ((StytchResult.Success<com.stytch.java.b2b.models.organizationsmembers.CreateResponse>) result).getValue()
                .getMember().getMemberId();
    }

    private static MedplumAdmin riversideAdmin() {
        return MedplumAdmin.signIn(URI.create(medplum.baseUrl()), "riverside-panels-client", "riverside-local-secret-not-for-production", RIVERSIDE);
    }

    @Test
    void aNewMemberIsInvitedWithItsKeycloakIdAndASecondRunChangesNothing() {
        String member = newStytchMember("Bo Otstrap");
        String externalId = MemberUserIds.userId("panels", member);

        Run first = run(env("riverside-panels-client", "riverside-local-secret-not-for-production"));

        assertThat(first.status()).as(first.output()).isZero();
        assertThat(first.output()).contains("invited", externalId).contains("set MEDPLUM_CLIENT_RIVERSIDE=");
        var membership = riversideAdmin().searchExact("ProjectMembership", "external-id", "externalId", externalId);
        assertThat(membership).singleElement().satisfies(m -> assertThat(m.path("accessPolicy").path("reference").asText())
                .startsWith("AccessPolicy/"));
        var client = riversideAdmin().searchExact("ClientApplication", "name", "name", OrganizationSetup.EXCHANGE_CLIENT_NAME);
        assertThat(client).singleElement().satisfies(c -> {
            assertThat(c.path("identityProvider").path("userInfoUrl").asText()).isEqualTo(ISSUER + "/protocol/openid-connect/userinfo");
            assertThat(c.path("identityProvider").path("useSubject").asBoolean()).isTrue();
            assertThat(c.path("identityProvider").path("audience").asText()).isEqualTo("medplum");
        });

        Map<String, String> again = env("riverside-panels-client", "riverside-local-secret-not-for-production");
        again.put("MEDPLUM_CLIENT_RIVERSIDE", client.get(0).path("id").asText());
        Run second = run(again);

        assertThat(second.status()).as(second.output()).isZero();
        assertThat(second.output()).contains("unchanged AccessPolicy/", "unchanged ClientApplication/", "0 invited")
                .doesNotContain("created", "set MEDPLUM_CLIENT_RIVERSIDE=");
        assertThat(riversideAdmin().searchExact("ProjectMembership", "external-id", "externalId", externalId)).hasSize(1);
    }

    @Test
    void seededMembersWhoseMembershipsCarryTheirKeycloakIdsAreLeftAlone() {
        Run run = run(env("riverside-panels-client", "riverside-local-secret-not-for-production"));

        assertThat(run.status()).as(run.output()).isZero();
        // Rita's seeded membership has externalId = her Keycloak id: found, not invited a second time.
        assertThat(run.output()).doesNotContain(MemberUserIds.userId("panels", "member-test-22222222-bbbb-4bbb-8bbb-000000000001") + "\n");
        assertThat(riversideAdmin().searchExact("ProjectMembership", "external-id", "externalId",
                MemberUserIds.userId("panels", "member-test-22222222-bbbb-4bbb-8bbb-000000000001"))).hasSize(1);
    }

    @Test
    void theLiveUpdateSubscriptionsAreCreatedOnceAndFollowAMovedAppOrARotatedKey() {
        Map<String, String> env = env("riverside-panels-client", "riverside-local-secret-not-for-production");
        env.put("PANELS_APP_URL", "https://panels.example.org/panels");
        env.put("PANELS_LIVE_HOOK_KEY", "a2tra2tra2tra2tra2tra2tra2tra2tra2tra2tra2s");

        Run first = run(env);
        Run second = run(env);
        env.put("PANELS_LIVE_HOOK_KEY", "bGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGw");
        Run rotated = run(env);

        assertThat(first.status()).as(first.output()).isZero();
        assertThat(first.output()).contains("created Subscription/").containsPattern("\\(Task\\)[\\s\\S]*\\(Appointment\\)[\\s\\S]*\\(Patient\\)");
        assertThat(second.output()).doesNotContain("created Subscription/", "updated Subscription/");
        assertThat(second.output().split("unchanged Subscription/", -1)).hasSize(4);
        assertThat(rotated.output().split("updated Subscription/", -1)).hasSize(4);
        var tasks = riversideAdmin().searchExact("Subscription", "criteria", "criteria", "Task");
        assertThat(tasks).singleElement().satisfies(s -> {
            assertThat(s.path("channel").path("endpoint").asText()).isEqualTo("https://panels.example.org/panels/hooks/medplum/" + RIVERSIDE_ORG);
            assertThat(s.path("extension").toString()).contains(LiveHooks.secret(LiveHooks.key("bGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGxsbGw"), RIVERSIDE_ORG));
        });
    }

    @Test
    void liveUpdatesNeedBothTheAppsUrlAndTheKey() {
        Map<String, String> env = env("riverside-panels-client", "riverside-local-secret-not-for-production");
        env.put("PANELS_APP_URL", "https://panels.example.org/panels");

        Run run = run(env);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.output()).contains("need both PANELS_APP_URL and PANELS_LIVE_HOOK_KEY");
    }

    @Test
    void anotherProjectsAdminCredentialsSetNothingUp() {
        Run run = run(env("northwind-panels-client", "northwind-local-secret-not-for-production"));

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.output()).contains("FAILED: client northwind-panels-client belongs to Medplum project medplum-project-northwind, not "
                + RIVERSIDE).doesNotContain("northwind-local-secret-not-for-production");
    }

    @Test
    void wrongAdminCredentialsFailWithMedplumsMessage() {
        Run run = run(env("riverside-panels-client", "not-the-secret"));

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.output()).contains("FAILED: sign in as riverside-panels-client: Medplum answered 400 Invalid secret")
                .doesNotContain("not-the-secret");
    }

    @Test
    void incompleteConfigurationIsExitStatus2WithEveryProblemListed() {
        Map<String, String> env = env("riverside-panels-client", "x");
        env.remove("STYTCH_ORG_RIVERSIDE");
        env.remove("MEDPLUM_BASE_URL");

        Run run = run(env);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.output()).contains("STYTCH_ORG_RIVERSIDE is required", "MEDPLUM_BASE_URL is required");
    }
}
