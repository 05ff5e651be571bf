package dev.panels.emulator.stytch;

import com.stytch.java.b2b.models.discoveryorganizations.CreateRequest;
import com.stytch.java.b2b.models.organizations.DeleteRequest;
import com.stytch.java.b2b.models.organizations.GetRequest;
import com.stytch.java.b2b.models.organizations.Organization;
import com.stytch.java.b2b.models.organizations.UpdateRequest;
import com.stytch.java.b2b.models.organizations.Member;
import com.stytch.java.common.ErrorResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Creating, changing and deleting organizations and members, and roles, through the real SDK. */
class OrganizationsCrudContractTest extends EmulatorTestBase {

    private Organization createOrg(String name, String slug) {
        return Sdk.ok(client.getOrganizations().createCompletable(
                new com.stytch.java.b2b.models.organizations.CreateRequest(name, slug, null,
                        Map.of("medplum", Map.of("project_id", "medplum-" + slug))))).getOrganization();
    }

    @Test
    void anOrganizationCanBeCreatedUpdatedAndDeleted() {
        Organization created = createOrg("Hillside Practice", "hillside");
        assertThat(created.getOrganizationId()).startsWith("organization-test-");
        assertThat(created.getTrustedMetadata()).containsEntry("medplum", Map.of("project_id", "medplum-hillside"));

        Organization updated = Sdk.ok(client.getOrganizations().updateCompletable(new UpdateRequest(
                created.getOrganizationId(), "Hillside Family Practice", null, null,
                Map.of("region", "north")), null)).getOrganization();
        assertThat(updated.getOrganizationName()).isEqualTo("Hillside Family Practice");
        assertThat(updated.getOrganizationSlug()).isEqualTo("hillside");
        assertThat(updated.getTrustedMetadata()).containsKeys("medplum", "region");

        Sdk.ok(client.getOrganizations().deleteCompletable(new DeleteRequest(created.getOrganizationId()), null));
        ErrorResponse gone = Sdk.error(client.getOrganizations().getCompletable(new GetRequest(created.getOrganizationId())));
        assertThat(gone.getErrorType()).isEqualTo("organization_not_found");
    }

    @Test
    void aTakenSlugIsRejected() {
        ErrorResponse error = Sdk.error(client.getOrganizations().createCompletable(
                new com.stytch.java.b2b.models.organizations.CreateRequest("Another Northwind", "northwind")));

        assertThat(error.getStatusCode()).isEqualTo(400);
        assertThat(error.getErrorType()).isEqualTo("organization_slug_already_used");
    }

    @Test
    void anInvalidMfaPolicyIsRejected() {
        ErrorResponse error = Sdk.error(client.getOrganizations().updateCompletable(new UpdateRequest(
                Seeded.RIVERSIDE, null, null, null, Map.of(), null, null, null, List.of(), List.of(), null, null,
                null, List.of(), "SOMETIMES"), null));

        assertThat(error.getErrorType()).isEqualTo("invalid_organization_mfa_policy");
    }

    @Test
    void membersCanBeCreatedGivenRolesUpdatedAndDeleted() {
        String orgId = createOrg("Roles Clinic", "roles-clinic").getOrganizationId();
        Sdk.ok(client.getOrganizations().updateCompletable(new UpdateRequest(orgId), null));

        ErrorResponse undefinedRole = Sdk.error(client.getOrganizations().getMembers().createCompletable(
                new com.stytch.java.b2b.models.organizationsmembers.CreateRequest(orgId, "x@roles.example", "X",
                        Map.of(), Map.of(), null, null, null, null, List.of("panels-admin")), null));
        assertThat(undefinedRole.getErrorType()).isEqualTo("invalid_rbac_role_id");

        Member created = Sdk.ok(client.getOrganizations().getMembers().createCompletable(
                new com.stytch.java.b2b.models.organizationsmembers.CreateRequest(orgId, "Nia@Roles.Example", "Nia",
                        Map.of("employee_id", "42"), Map.of(), null, null, null, null, List.of("stytch_admin")), null))
                .getMember();
        assertThat(created.getEmailAddress()).isEqualTo("nia@roles.example");
        assertThat(created.getRoles()).extracting(r -> r.getRoleId()).containsExactly("stytch_member", "stytch_admin");
        assertThat(created.getTrustedMetadata()).containsEntry("employee_id", "42");

        Member renamed = Sdk.ok(client.getOrganizations().getMembers().updateCompletable(
                new com.stytch.java.b2b.models.organizationsmembers.UpdateRequest(orgId, created.getMemberId(),
                        "Nia Nurse"), null)).getMember();
        assertThat(renamed.getName()).isEqualTo("Nia Nurse");
        assertThat(renamed.getRoles()).as("the SDK's default empty roles list leaves roles alone")
                .extracting(r -> r.getRoleId()).containsExactly("stytch_member", "stytch_admin");

        ErrorResponse duplicate = Sdk.error(client.getOrganizations().getMembers().createCompletable(
                new com.stytch.java.b2b.models.organizationsmembers.CreateRequest(orgId, "nia@roles.example"), null));
        assertThat(duplicate.getErrorType()).isEqualTo("duplicate_member_email");

        Sdk.ok(client.getOrganizations().getMembers().deleteCompletable(
                new com.stytch.java.b2b.models.organizationsmembers.DeleteRequest(orgId, created.getMemberId()), null));
        ErrorResponse gone = Sdk.error(client.getOrganizations().getMembers().getCompletable(
                new com.stytch.java.b2b.models.organizationsmembers.GetRequest(orgId, created.getMemberId())));
        assertThat(gone.getErrorType()).isEqualTo("member_not_found");
    }

    @Test
    void customRolesAndTrustedMetadataOfASeededMemberCanChange() {
        Member sam = Sdk.ok(client.getOrganizations().getMembers().updateCompletable(
                new com.stytch.java.b2b.models.organizationsmembers.UpdateRequest(Seeded.RIVERSIDE, Seeded.SAM, null,
                        Map.of("practitioner", "Practitioner/7"), Map.of(), null, null, null,
                        List.of("panels-builder", "panels-admin")), null)).getMember();

        assertThat(sam.getRoles()).extracting(r -> r.getRoleId())
                .containsExactly("stytch_member", "panels-builder", "panels-admin");
        assertThat(sam.getTrustedMetadata()).containsEntry("practitioner", "Practitioner/7");
        var byEmail = Sdk.ok(client.getOrganizations().getMembers().getCompletable(
                new com.stytch.java.b2b.models.organizationsmembers.GetRequest(Seeded.RIVERSIDE, null, Seeded.SAM_EMAIL)));
        assertThat(byEmail.getMemberId()).isEqualTo(Seeded.SAM);
    }

    @Test
    void deletingAMemberEndsTheirSessions() {
        var login = sessionIn(Seeded.CASEY_EMAIL, Seeded.RIVERSIDE);

        Sdk.ok(client.getOrganizations().getMembers().deleteCompletable(
                new com.stytch.java.b2b.models.organizationsmembers.DeleteRequest(Seeded.RIVERSIDE,
                        Seeded.CASEY_RIVERSIDE), null));

        assertThat(Sdk.error(client.getSessions().authenticateCompletable(
                new com.stytch.java.b2b.models.sessions.AuthenticateRequest(login.getSessionToken()))).getErrorType())
                .isEqualTo("session_not_found");
    }

    @Test
    void discoveryCanCreateAnOrganizationWhoseCreatorIsItsAdmin() {
        String ist = discover(Seeded.BEN_EMAIL).getIntermediateSessionToken();

        var created = Sdk.ok(client.getDiscovery().getOrganizations().createCompletable(
                new CreateRequest(ist, null, Map.of(), "Ben's Practice", "bens-practice")));

        assertThat(created.getMemberAuthenticated()).isTrue();
        assertThat(created.getOrganization().getOrganizationSlug()).isEqualTo("bens-practice");
        assertThat(created.getMember().getEmailAddress()).isEqualTo(Seeded.BEN_EMAIL);
        assertThat(created.getMemberSession().getRoles()).containsExactly("stytch_member", "stytch_admin");
    }
}
