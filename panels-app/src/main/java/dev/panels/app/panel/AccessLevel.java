package dev.panels.app.panel;

/** Sharing levels on a panel or view, ordered: each includes the ones before it. */
public enum AccessLevel {
    VIEWER, EDITOR, OWNER;

    public boolean includes(AccessLevel other) {
        return compareTo(other) >= 0;
    }
}
