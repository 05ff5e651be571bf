package dev.panels.emulator.medplum;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static dev.panels.emulator.medplum.TokenRequests.NORTHWIND_CLIENT;
import static dev.panels.emulator.medplum.TokenRequests.NORTHWIND_SECRET;
import static dev.panels.emulator.medplum.TokenRequests.RIVERSIDE_CLIENT;
import static dev.panels.emulator.medplum.TokenRequests.RIVERSIDE_SECRET;
import static dev.panels.emulator.medplum.TokenRequests.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a project admin uses to set a project up for this system (the Medplum bootstrap does exactly these calls):
 * ClientApplications with an identity provider, AccessPolicies, and finding memberships by externalId.
 */
class ProjectAdministrationContractTest {

    private static FakeUserInfo userInfo;
    private static MedplumEmulator medplum;
    private static String northwindAdmin;
    private static String riversideAdmin;

    private static final String IDP = "{\"authorizeUrl\":\"https://login.example.org/realms/panels/protocol/openid-connect/auth\","
            + "\"tokenUrl\":\"https://login.example.org/realms/panels/protocol/openid-connect/token\","
            + "\"userInfoUrl\":\"%s\",\"clientId\":\"medplum\",\"clientSecret\":\"unused\",\"useSubject\":true}";

    @BeforeAll
    static void start() {
        userInfo = new FakeUserInfo();
        medplum = MedplumEmulator.start(MedplumEmulatorConfig.builder().port(0).seed(7).patients(10)
                .keycloakUserinfoUrl(userInfo.url()).allowUnsafeOutbound(true).build());
        northwindAdmin = bearer(TokenRequests.clientCredentials(medplum, NORTHWIND_CLIENT, NORTHWIND_SECRET));
        riversideAdmin = bearer(TokenRequests.clientCredentials(medplum, RIVERSIDE_CLIENT, RIVERSIDE_SECRET));
    }

    @AfterAll
    static void stop() {
        medplum.close();
        userInfo.close();
    }

    private static String fhir(String path) {
        return medplum.fhirBaseUrl() + "/" + path;
    }

    @Test
    void aClientCreatedByAnAdminWithAnIdentityProviderExchangesTokensForItsProjectOnly() {
        Http.Answer created = Http.postJson(medplum.baseUrl() + "/admin/projects/ignored/client",
                "{\"name\":\"Panels exchange\",\"identityProvider\":" + IDP.formatted(userInfo.url()) + "}", northwindAdmin);

        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        assertThat(created.json().path("meta").path("project").asText()).as("the caller's project, not the path's")
                .isEqualTo(TokenRequests.NORTHWIND);
        assertThat(created.text("secret")).matches("[0-9a-f]{64}");
        assertThat(created.json().path("identityProvider").path("useSubject").asBoolean()).isTrue();

        // Ben's seeded membership carries his Keycloak id as externalId: the new client finds him.
        userInfo.claims("kc-ben", "{\"sub\":\"c718edf4-b559-543e-b06b-82790f837450\"}");
        assertThat(TokenRequests.exchange(medplum, id, "kc-ben").status()).isEqualTo(200);
        // Another project's admin neither sees nor changes it.
        assertThat(Http.get(fhir("ClientApplication/" + id), riversideAdmin).status()).isEqualTo(404);
        assertThat(Http.putJson(fhir("ClientApplication/" + id), created.json().toString(), riversideAdmin).status()).isEqualTo(404);
        assertThat(Http.get(fhir("ClientApplication?name=Panels"), northwindAdmin).json().path("entry")).hasSize(1);
        assertThat(Http.get(fhir("ClientApplication?name=Panels"), riversideAdmin).json().path("entry")).isEmpty();
    }

    @Test
    void anUpdatedIdentityProviderIsWhatTheNextExchangeUses() {
        String id = Http.postJson(medplum.baseUrl() + "/admin/projects/x/client",
                "{\"name\":\"Moving\",\"identityProvider\":" + IDP.formatted("https://unreachable.invalid/userinfo") + "}", riversideAdmin).text("id");
        userInfo.claims("kc-rita", "{\"sub\":\"ec2e11f7-1dc3-5cfb-a4a4-c4ca0b2316af\"}");
        assertThat(TokenRequests.exchange(medplum, id, "kc-rita").status()).isEqualTo(400);

        Http.Answer current = Http.get(fhir("ClientApplication/" + id), riversideAdmin);
        String updated = current.json().toString().replace("https://unreachable.invalid/userinfo", userInfo.url());
        assertThat(Http.putJson(fhir("ClientApplication/" + id), updated, riversideAdmin).status()).isEqualTo(200);

        assertThat(TokenRequests.exchange(medplum, id, "kc-rita").status()).isEqualTo(200);
    }

    @Test
    void anIdentityProviderWithoutItsRequiredFieldsIsRefusedAsInStrictMode() {
        Http.Answer refused = Http.postJson(medplum.baseUrl() + "/admin/projects/x/client",
                "{\"name\":\"Half\",\"identityProvider\":{\"userInfoUrl\":\"https://login.example.org/userinfo\"}}", northwindAdmin);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("issue").path(0).path("expression").path(0).asText()).isEqualTo("identityProvider.authorizeUrl");
        assertThat(Http.postJson(medplum.baseUrl() + "/admin/projects/x/client", "{}", northwindAdmin).outcomeText())
                .isEqualTo("Client name is required");
    }

    @Test
    void onlyProjectAdminsReachTheseResources() {
        userInfo.claims("kc-ben-2", "{\"sub\":\"c718edf4-b559-543e-b06b-82790f837450\"}");
        String ben = bearer(TokenRequests.exchange(medplum, NORTHWIND_CLIENT, "kc-ben-2"));

        assertThat(Http.get(fhir("ClientApplication"), ben).status()).isEqualTo(403);
        assertThat(Http.get(fhir("ProjectMembership"), ben).status()).isEqualTo(403);
        assertThat(Http.postJson(fhir("AccessPolicy"), "{\"resourceType\":\"AccessPolicy\",\"name\":\"x\"}", ben).status()).isEqualTo(403);
        assertThat(Http.postJson(medplum.baseUrl() + "/admin/projects/x/client", "{\"name\":\"x\"}", ben).status()).isEqualTo(403);
        assertThat(Http.get(fhir("ClientApplication"), null).status()).isEqualTo(401);
    }

    @Test
    void membershipsAreFoundByExactExternalIdWithinTheCallersProject() {
        String casey = "389fe068-d58c-50d9-ab64-db88a56e5df3";
        Http.Answer found = Http.get(fhir("ProjectMembership?external-id=" + casey), northwindAdmin);

        assertThat(found.json().path("entry")).hasSize(1);
        assertThat(found.json().path("entry").path(0).path("resource").path("externalId").asText()).isEqualTo(casey);
        assertThat(Http.get(fhir("ProjectMembership?external-id=" + casey.substring(0, 8)), northwindAdmin).json().path("entry")).isEmpty();
        assertThat(Http.get(fhir("ProjectMembership?external-id=" + casey), riversideAdmin).json().path("entry")).isEmpty();
        assertThat(Http.get(fhir("ProjectMembership?email=x"), northwindAdmin).status()).isEqualTo(400);
    }

    @Test
    void aMemberInvitedWithAnAccessPolicySeesOnlyItsTypesAndCannotWriteReadOnlyOnes() {
        Http.Answer policy = Http.postJson(fhir("AccessPolicy"), "{\"resourceType\":\"AccessPolicy\",\"name\":\"Clinician\","
                + "\"resource\":[{\"resourceType\":\"Patient\",\"readonly\":true},{\"resourceType\":\"Task\"}]}", northwindAdmin);
        assertThat(policy.status()).isEqualTo(201);
        String reference = "AccessPolicy/" + policy.text("id");
        Http.Answer invited = Http.postJson(medplum.baseUrl() + "/admin/projects/x/invite", "{\"resourceType\":\"Practitioner\","
                + "\"firstName\":\"Pol\",\"lastName\":\"Icy\",\"externalId\":\"kc-id-pol\",\"sendEmail\":false,"
                + "\"accessPolicy\":{\"reference\":\"" + reference + "\"}}", northwindAdmin);
        assertThat(invited.status()).isEqualTo(200);
        assertThat(invited.json().path("accessPolicy").path("reference").asText()).isEqualTo(reference);
        userInfo.claims("kc-pol", "{\"sub\":\"kc-id-pol\"}");
        String pol = bearer(TokenRequests.exchange(medplum, NORTHWIND_CLIENT, "kc-pol"));

        assertThat(Http.get(fhir("Patient?_count=1"), pol).status()).isEqualTo(200);
        assertThat(Http.get(fhir("Observation?_count=1"), pol).status()).isEqualTo(403);
        String tasksWithOwners = fhir("Task?_count=50&_include=" + URLEncoder.encode("Task:owner", StandardCharsets.UTF_8));
        assertThat(types(Http.get(tasksWithOwners, northwindAdmin))).as("without a policy").contains("Task", "Practitioner");
        assertThat(types(Http.get(tasksWithOwners, pol))).as("the policy has no Practitioner").containsOnly("Task").isNotEmpty();
        assertThat(Http.postJson(fhir("Patient"), "{\"resourceType\":\"Patient\"}", pol).status()).isEqualTo(403);
    }

    private static java.util.List<String> types(Http.Answer bundle) {
        java.util.List<String> types = new java.util.ArrayList<>();
        bundle.json().path("entry").forEach(entry -> types.add(entry.path("resource").path("resourceType").asText()));
        return types;
    }

    @Test
    void policiesWithRulesThisStandInCannotEnforceAndForeignPoliciesAreRefused() {
        Http.Answer criteria = Http.postJson(fhir("AccessPolicy"), "{\"resourceType\":\"AccessPolicy\",\"name\":\"c\","
                + "\"resource\":[{\"resourceType\":\"Patient\",\"criteria\":\"Patient?active=true\"}]}", northwindAdmin);
        assertThat(criteria.status()).isEqualTo(400);
        assertThat(criteria.outcomeText()).contains("resource.criteria");

        String riversidePolicy = Http.postJson(fhir("AccessPolicy"), "{\"resourceType\":\"AccessPolicy\",\"name\":\"r\","
                + "\"resource\":[{\"resourceType\":\"Patient\"}]}", riversideAdmin).text("id");
        Http.Answer foreign = Http.postJson(medplum.baseUrl() + "/admin/projects/x/invite", "{\"resourceType\":\"Practitioner\","
                + "\"firstName\":\"F\",\"lastName\":\"Oreign\",\"externalId\":\"kc-id-f\",\"accessPolicy\":{\"reference\":\"AccessPolicy/"
                + riversidePolicy + "\"}}", northwindAdmin);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(Http.get(fhir("AccessPolicy/" + riversidePolicy), northwindAdmin).status()).isEqualTo(404);
    }
}
