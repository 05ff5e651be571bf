package dev.panels.app.auth;

import dev.panels.app.PanelsConfig;
import dev.panels.app.medplum.ClinicalTenants;
import dev.panels.app.problem.ProblemException;
import dev.panels.app.problem.ProblemType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import dev.panels.app.signin.CookieCrypto;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the claims contract from a verified token. */
class CurrentUserTest {

    private static final ClinicalTenants TENANTS = ClinicalTenants.parse("org-1=project-1, org-2=project-2");
    private static final CookieCrypto SEAL = new CookieCrypto(List.of("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY"), Clock.systemUTC());

    /** The claim as Keycloak's Medplum mapper writes it: sealed for this app. */
    static String sealed(String medplumToken) {
        return SEAL.seal(Claims.SEALED_MEDPLUM_TOKEN, Map.of("v", medplumToken), Instant.now().plusSeconds(300));
    }

    static CurrentUser user(Map<String, Object> claims) {
        CurrentUser user = new CurrentUser();
        user.config = new PanelsConfig() {
            @Override
            public ClinicalTenants clinicalTenants() {
                return TENANTS;
            }

            @Override
            public Optional<CookieCrypto> medplumTokenSeal() {
                return Optional.of(SEAL);
            }
        };
        user.jwt = new JsonWebToken() {
            @Override public String getName() { return (String) claims.get(Claims.UPN); }
            @Override public Set<String> getClaimNames() { return claims.keySet(); }
            @SuppressWarnings("unchecked")
            @Override public <T> T getClaim(String name) { return (T) claims.get(name); }
        };
        return user;
    }

    @Test
    void readsTheContractClaims() {
        CurrentUser user = user(Map.of(Claims.SUBJECT, "u1", Claims.UPN, "ada@example.test", Claims.STYTCH_ORG_ID, "org-1",
                Claims.GROUPS, Set.of("panels-editor", "offline_access"), Claims.SESSION_ID, "s1",
                Claims.FHIR_USER, "Practitioner/9", Claims.MEDPLUM_TOKEN, sealed("m-token")));

        assertThat(user.subject()).isEqualTo("u1");
        assertThat(user.name()).isEqualTo("ada@example.test");
        assertThat(user.organizationId()).isEqualTo("org-1");
        assertThat(user.sessionId()).contains("s1");
        assertThat(user.fhirUser()).contains("Practitioner/9");
        assertThat(user.checkedMedplumToken()).isEmpty(); // no project claim: not this organization's Medplum
        assertThat(user.can(Permission.PANEL_CREATE)).isTrue();
        assertThat(user.can(Permission.PANEL_MANAGE_ANY)).isFalse();
    }

    @Test
    void aTokenWithoutTheTenantClaimTouchesNoData() {
        CurrentUser user = user(Map.of(Claims.SUBJECT, "u1", Claims.GROUPS, Set.of("panels-admin")));

        assertThatThrownBy(user::organizationId).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().type().status()).isEqualTo(401));
        assertThat(user.checkedMedplumToken()).isEmpty();
    }

    @Test
    void withoutMedplumAccessClinicalCallsAreUnavailableNotASessionProblem() {
        CurrentUser without = user(Map.of(Claims.SUBJECT, "u1", Claims.STYTCH_ORG_ID, "org-1"));
        CurrentUser blank = user(Map.of(Claims.SUBJECT, "u1", Claims.STYTCH_ORG_ID, "org-1", Claims.MEDPLUM_TOKEN, " "));
        // a claim Keycloak did not seal (or sealed with keys this app lacks) is no Medplum access
        CurrentUser unsealed = user(Map.of(Claims.SUBJECT, "u1", Claims.STYTCH_ORG_ID, "org-1",
                Claims.MEDPLUM_TOKEN, "eyJraw-medplum-token", Claims.MEDPLUM_PROJECT, "project-1"));
        CurrentUser unmapped = user(Map.of(Claims.SUBJECT, "u1", Claims.STYTCH_ORG_ID, "org-9",
                Claims.MEDPLUM_TOKEN, sealed("m-token"), Claims.MEDPLUM_PROJECT, "project-1"));

        for (CurrentUser user : new CurrentUser[]{without, blank, unmapped, unsealed}) {
            assertThatThrownBy(user::medplumAccess).isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).problem().type()).isEqualTo(ProblemType.CLINICAL_DATA_UNAVAILABLE))
                    .satisfies(e -> assertThat(((ProblemException) e).problem().type().status()).isEqualTo(503));
        }
    }

    @Test
    void clinicalAccessNeedsTheMedplumProjectOfTheTokensOwnOrganization() {
        CurrentUser own = user(Map.of(Claims.SUBJECT, "u1", Claims.STYTCH_ORG_ID, "org-1",
                Claims.MEDPLUM_TOKEN, sealed("m-token"), Claims.MEDPLUM_PROJECT, "project-1"));
        CurrentUser otherTenants = user(Map.of(Claims.SUBJECT, "u1", Claims.STYTCH_ORG_ID, "org-1",
                Claims.MEDPLUM_TOKEN, sealed("m-token"), Claims.MEDPLUM_PROJECT, "project-2"));
        CurrentUser noProject = user(Map.of(Claims.SUBJECT, "u1", Claims.STYTCH_ORG_ID, "org-1", Claims.MEDPLUM_TOKEN, sealed("m-token")));

        assertThat(own.medplumAccess()).isEqualTo("m-token");
        assertThat(own.checkedMedplumToken()).contains("m-token");
        for (CurrentUser user : new CurrentUser[]{otherTenants, noProject}) {
            assertThatThrownBy(user::medplumAccess).isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).problem().type()).isEqualTo(ProblemType.CLINICAL_TENANT_MISMATCH))
                    .satisfies(e -> assertThat(((ProblemException) e).problem().type().status()).isEqualTo(403))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("m-token"));
            assertThat(user.checkedMedplumToken()).isEmpty();
        }
    }

    @Test
    void theDisplayNameIsTheFullNameElseTheEmailElseThePrincipal() {
        assertThat(user(Map.of(Claims.UPN, "member-test-1", Claims.EMAIL, "ada@example.test", Claims.NAME, "Ada Admin")).name())
                .isEqualTo("Ada Admin");
        assertThat(user(Map.of(Claims.UPN, "member-test-1", Claims.EMAIL, "ada@example.test")).name()).isEqualTo("ada@example.test");
        assertThat(user(Map.of(Claims.UPN, "member-test-1")).name()).isEqualTo("member-test-1");
    }

    @Test
    void missingPermissionIsForbidden() {
        CurrentUser viewer = user(Map.of(Claims.SUBJECT, "u1", Claims.GROUPS, Set.of("panels-viewer")));

        assertThatThrownBy(() -> viewer.require(Permission.PANEL_DELETE)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("panel:delete");
    }
}
