package dev.panels.app.worklist;

import dev.panels.app.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** How many rows each data source of a panel holds (the worklist's tab counts). */
@Path("/panels/{panelId}/counts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.VIEWER, Role.EDITOR, Role.ADMIN})
public class CountsResource {

    @Inject
    WorklistService worklist;

    @GET
    public JsonObject counts(@PathParam("panelId") String panelId) {
        return worklist.counts(panelId);
    }
}
