package dev.panels.app.panel;

/** The FHIR resource a worklist row is built around; also a panel's data sources and a view's type. */
public enum RowType {
    PATIENT("Patient"),
    TASK("Task"),
    APPOINTMENT("Appointment");

    private final String resourceType;

    RowType(String resourceType) {
        this.resourceType = resourceType;
    }

    public String resourceType() {
        return resourceType;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
