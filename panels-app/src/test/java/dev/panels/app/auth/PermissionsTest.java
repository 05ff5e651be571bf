package dev.panels.app.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.panels.app.auth.Permission.*;
import static org.assertj.core.api.Assertions.assertThat;

class PermissionsTest {

    @Test
    void rolesAreCumulative() {
        assertThat(Permissions.forRoles(List.of(Role.VIEWER))).containsExactlyInAnyOrder(PANEL_READ, TASK_ASSIGN, TASK_NOTE, TASK_STATUS);
        assertThat(Permissions.forRoles(List.of(Role.EDITOR)))
                .contains(PANEL_READ, PANEL_CREATE, PANEL_UPDATE, PANEL_DELETE, PANEL_SHARE).doesNotContain(PANEL_MANAGE_ANY, AUDIT_READ);
        assertThat(Permissions.forRoles(List.of(Role.ADMIN))).containsExactlyInAnyOrder(Permission.values());
    }

    @Test
    void auditorOnlyReadsTheAuditTrail() {
        assertThat(Permissions.forRoles(List.of(Role.AUDITOR))).containsExactly(AUDIT_READ);
    }

    @Test
    void unknownRolesGrantNothing() {
        assertThat(Permissions.forRoles(List.of("offline_access", "uma_authorization", "Panels Admin"))).isEmpty();
    }
}
