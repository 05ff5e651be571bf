package dev.panels.app.auth;

/** Realm roles delivered in the {@code groups} claim. */
public final class Role {
    public static final String VIEWER = "panels-viewer";
    public static final String EDITOR = "panels-editor";
    public static final String ADMIN = "panels-admin";
    public static final String AUDITOR = "auditor";

    private Role() {
    }
}
