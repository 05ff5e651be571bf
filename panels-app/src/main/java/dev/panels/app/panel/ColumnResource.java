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

/** Columns of one panel (FHIRPath expressions over the row). */
@Path("/panels/{panelId}/columns")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.VIEWER, Role.EDITOR, Role.ADMIN})
public class ColumnResource {

    @Inject
    ColumnService columns;

    @Context
    UriInfo uri;

    @PathParam("panelId")
    String panelId;

    @GET
    public JsonArray list() {
        return columns.list(panelId);
    }

    @GET
    @Path("{columnId}")
    public Response get(@PathParam("columnId") String columnId) {
        return Responses.ok(columns.get(panelId, columnId));
    }

    @POST
    @RolesAllowed({Role.EDITOR, Role.ADMIN})
    public Response create(String body) {
        return Responses.created(uri, columns.create(panelId, JsonBodies.object(body)));
    }

    @PUT
    @Path("{columnId}")
    @RolesAllowed({Role.EDITOR, Role.ADMIN})
    public Response update(@PathParam("columnId") String columnId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           String body) {
        return Responses.ok(columns.update(panelId, columnId, ifMatch, JsonBodies.object(body)));
    }

    @DELETE
    @Path("{columnId}")
    @RolesAllowed({Role.EDITOR, Role.ADMIN})
    public Response delete(@PathParam("columnId") String columnId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        columns.delete(panelId, columnId, ifMatch);
        return Response.noContent().build();
    }
}
