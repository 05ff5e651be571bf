package dev.panels.app.auth;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

import static dev.panels.app.auth.Permission.*;

/**
 * Derives permissions from roles: panels-viewer &lt; panels-editor &lt; panels-admin, each including the
 * one below; auditor reads the audit trail only. No known role, no permission.
 */
public final class Permissions {

    private static final Set<Permission> VIEWER = EnumSet.of(PANEL_READ, TASK_ASSIGN, TASK_NOTE, TASK_STATUS);
    private static final Set<Permission> EDITOR = union(VIEWER, EnumSet.of(PANEL_CREATE, PANEL_UPDATE, PANEL_DELETE, PANEL_SHARE,
            TASK_ASSIGN_OTHERS, TASK_STATUS_OTHERS));
    private static final Set<Permission> ADMIN = union(EDITOR, EnumSet.of(PANEL_MANAGE_ANY, AUDIT_READ));
    private static final Set<Permission> AUDITOR = EnumSet.of(AUDIT_READ);

    private Permissions() {
    }

    public static Set<Permission> forRoles(Collection<String> roles) {
        EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
        for (String role : roles) {
            switch (role) {
                case Role.VIEWER -> granted.addAll(VIEWER);
                case Role.EDITOR -> granted.addAll(EDITOR);
                case Role.ADMIN -> granted.addAll(ADMIN);
                case Role.AUDITOR -> granted.addAll(AUDITOR);
                default -> { /* roles of other applications grant nothing here */ }
            }
        }
        return granted;
    }

    private static Set<Permission> union(Set<Permission> a, Set<Permission> b) {
        EnumSet<Permission> all = EnumSet.copyOf(a);
        all.addAll(b);
        return all;
    }
}
