package dev.panels.app.auth;

/** Actions the API guards; the UI receives the caller's set from {@code GET /api/me}. */
public enum Permission {
    PANEL_READ("panel:read"),
    PANEL_CREATE("panel:create"),
    PANEL_UPDATE("panel:update"),
    PANEL_DELETE("panel:delete"),
    PANEL_SHARE("panel:share"),
    /** Update or delete panels owned by others in the same organization. */
    PANEL_MANAGE_ANY("panel:manage-any"),
    /** Assign a Task to oneself, or unassign it from oneself. */
    TASK_ASSIGN("task:assign"),
    /** Assign a Task to another clinician of the organization, or unassign anyone. */
    TASK_ASSIGN_OTHERS("task:assign-others"),
    /** Add a note to a Task. */
    TASK_NOTE("task:note"),
    /** Change the status of a Task assigned to oneself. */
    TASK_STATUS("task:status"),
    /** Change the status of a Task assigned to someone else or to nobody. */
    TASK_STATUS_OTHERS("task:status-others"),
    AUDIT_READ("audit:read");

    private final String value;

    Permission(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
