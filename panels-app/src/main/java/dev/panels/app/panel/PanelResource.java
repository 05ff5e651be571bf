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
import jakarta.ws.rs.QueryParam;
import dev.panels.app.problem.InvalidInput;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Panels of the caller's organization. */
@Path("/panels")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.VIEWER, Role.EDITOR, Role.ADMIN})
public class PanelResource {

    @Inject
    PanelService panels;

    @Context
    UriInfo uri;

    @GET
    public JsonArray list() {
        return panels.list();
    }

    @POST
    @RolesAllowed({Role.EDITOR, Role.ADMIN})
    public Response create(String body) {
        return Responses.created(uri, panels.create(JsonBodies.object(body)));
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return Responses.ok(panels.get(id));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Role.EDITOR, Role.ADMIN})
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        return Responses.ok(panels.update(id, ifMatch, JsonBodies.object(body)));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Role.EDITOR, Role.ADMIN})
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        panels.delete(id, ifMatch);
        return Response.noContent().build();
    }

    /** Who changed which setting, column, shared view or sharing, and when; newest first, {@code page}/{@code size}. */
    @GET
    @Path("{id}/history")
    public JsonArray history(@PathParam("id") String id, @QueryParam("page") String page, @QueryParam("size") String size) {
        InvalidInput errors = new InvalidInput();
        int index = errors.wholeNumber(page, "page", 0, 0, 100_000);
        int rows = errors.wholeNumber(size, "size", 50, 1, 200);
        errors.throwIfAny();
        return panels.history(id, index, rows);
    }

    /** Replaces the sharing list: {@code [{"principal": "<sub>|*", "level": "viewer|editor|owner"}]}. */
    @PUT
    @Path("{id}/sharing")
    @RolesAllowed({Role.EDITOR, Role.ADMIN})
    public JsonArray share(@PathParam("id") String id, String body) {
        return panels.share(id, JsonBodies.array(body));
    }
}
