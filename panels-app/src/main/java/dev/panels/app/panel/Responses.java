package dev.panels.app.panel;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Shapes for versioned resources: the body plus its ETag (and Location when created). */
public final class Responses {

    private Responses() {
    }

    public static Response ok(Versioned resource) {
        return Response.ok(resource.body()).tag(Etags.of(resource.version())).build();
    }

    public static Response created(UriInfo uri, Versioned resource) {
        return Response.created(uri.getAbsolutePathBuilder().path(resource.body().getString("id")).build())
                .entity(resource.body()).tag(Etags.of(resource.version())).build();
    }
}
