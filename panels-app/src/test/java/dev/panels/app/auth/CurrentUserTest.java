package dev.panels.app.auth;

import dev.panels.app.problem.ProblemException;
import dev.panels.app.problem.ProblemType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the claims contract from a verified token. */
class CurrentUserTest {

    static CurrentUser user(Map<String, Object> claims) {
        CurrentUser user = new CurrentUser();
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
                Claims.FHIR_USER, "Practitioner/9", Claims.MEDPLUM_TOKEN, "m-token"));

        assertThat(user.subject()).isEqualTo("u1");
        assertThat(user.name()).isEqualTo("ada@example.test");
        assertThat(user.organizationId()).isEqualTo("org-1");
        assertThat(user.sessionId()).contains("s1");
        assertThat(user.fhirUser()).contains("Practitioner/9");
        assertThat(user.medplumToken()).contains("m-token");
        assertThat(user.can(Permission.PANEL_CREATE)).isTrue();
        assertThat(user.can(Permission.PANEL_MANAGE_ANY)).isFalse();
    }

    @Test
    void aTokenWithoutTheTenantClaimTouchesNoData() {
        CurrentUser user = user(Map.of(Claims.SUBJECT, "u1", Claims.GROUPS, Set.of("panels-admin")));

        assertThatThrownBy(user::organizationId).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().type().status().getStatusCode()).isEqualTo(401));
        assertThat(user.medplumToken()).isEmpty();
    }

    @Test
    void withoutMedplumAccessClinicalCallsAreUnavailableNotASessionProblem() {
        CurrentUser without = user(Map.of(Claims.SUBJECT, "u1", Claims.STYTCH_ORG_ID, "org-1"));
        CurrentUser blank = user(Map.of(Claims.SUBJECT, "u1", Claims.MEDPLUM_TOKEN, " "));

        for (CurrentUser user : new CurrentUser[]{without, blank}) {
            assertThatThrownBy(user::medplumAccess).isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).problem().type()).isEqualTo(ProblemType.CLINICAL_DATA_UNAVAILABLE))
                    .satisfies(e -> assertThat(((ProblemException) e).problem().type().status().getStatusCode()).isEqualTo(503));
        }
        assertThat(user(Map.of(Claims.MEDPLUM_TOKEN, "m-token")).medplumAccess()).isEqualTo("m-token");
    }

    @Test
    void missingPermissionIsForbidden() {
        CurrentUser viewer = user(Map.of(Claims.SUBJECT, "u1", Claims.GROUPS, Set.of("panels-viewer")));

        assertThatThrownBy(() -> viewer.require(Permission.PANEL_DELETE)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("panel:delete");
    }
}
