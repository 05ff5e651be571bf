package dev.panels.app.live;

import dev.panels.app.Jsonp;

/** A stored change, as a browser receives it: which resource changed and how, never its content. */
public record LiveEvent(long id, String organizationId, String resourceType, String resourceId, String interaction) {

    String json() {
        return Jsonp.createObjectBuilder().add("resourceType", resourceType).add("id", resourceId)
                .add("interaction", interaction).build().toString();
    }
}
