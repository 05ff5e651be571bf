package dev.panels.app.panel;

import jakarta.json.JsonObject;

/** A representation and the version its ETag is made from. */
public record Versioned(JsonObject body, long version) {
}
