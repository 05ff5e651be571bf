package dev.panels.app.panel;

import dev.panels.app.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import dev.panels.app.problem.JsonBodies;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Saved views of one panel; viewers may keep private views, so writes are open to every panels role. */
@Path("/panels/{panelId}/views")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.VIEWER, Role.EDITOR, Role.ADMIN})
public class ViewResource {

    @Inject
    ViewService views;

    @Context
    UriInfo uri;

    @PathParam("panelId")
    String panelId;

    @GET
    public JsonArray list() {
        return views.list(panelId);
    }

    @GET
    @Path("{viewId}")
    public Response get(@PathParam("viewId") String viewId) {
        return Responses.ok(views.get(panelId, viewId));
    }

    @POST
    public Response create(String body) {
        return Responses.created(uri, views.create(panelId, JsonBodies.object(body)));
    }

    @PUT
    @Path("{viewId}")
    public Response update(@PathParam("viewId") String viewId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           String body) {
        return Responses.ok(views.update(panelId, viewId, ifMatch, JsonBodies.object(body)));
    }

    @DELETE
    @Path("{viewId}")
    public Response delete(@PathParam("viewId") String viewId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        views.delete(panelId, viewId, ifMatch);
        return Response.noContent().build();
    }
}
