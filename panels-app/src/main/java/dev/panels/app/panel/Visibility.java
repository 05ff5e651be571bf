package dev.panels.app.panel;

/** Who sees a saved view: only its owner, or everyone who can read the panel. */
public enum Visibility {
    PRIVATE, ORGANIZATION
}
