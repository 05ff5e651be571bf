package dev.panels.app.panel;

import dev.panels.app.auth.Permission;

import java.util.Optional;
import java.util.Set;

/**
 * The caller's effective level on a panel. Another organization's panel does not exist for the caller
 * (empty, answered as 404); {@code panel:manage-any} (panels-admin) acts as owner within the organization.
 */
public final class PanelAccess {

    private PanelAccess() {
    }

    public static Optional<AccessLevel> of(Panel panel, String subject, String organizationId, Set<Permission> permissions) {
        if (!panel.organizationId().equals(organizationId)) {
            return Optional.empty();
        }
        if (permissions.contains(Permission.PANEL_MANAGE_ANY)) {
            return Optional.of(AccessLevel.OWNER);
        }
        return panel.accessOf(subject);
    }
}
