package dev.panels.app.worklist;

import dev.panels.app.auth.Role;
import dev.panels.app.problem.JsonBodies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * One Task: {@code GET} it with notes and allowed status changes; {@code PUT assignment} with
 * {@code {"practitioner": "Practitioner/…"}} (or {@code {}} for oneself), {@code DELETE assignment} to unassign;
 * {@code POST notes} {@code {"text": …}}; {@code PUT status} {@code {"status": "in-progress"}}.
 */
@Path("/tasks/{taskId}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.VIEWER, Role.EDITOR, Role.ADMIN})
public class TaskResource {

    @Inject
    TaskService tasks;

    @PathParam("taskId")
    String taskId;

    @GET
    public JsonObject read() {
        return tasks.read(taskId);
    }

    @PUT
    @Path("assignment")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject assign(String body) {
        return tasks.assign(taskId, field(body, "practitioner", false));
    }

    @DELETE
    @Path("assignment")
    public JsonObject unassign() {
        return tasks.unassign(taskId);
    }

    @POST
    @Path("notes")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject addNote(String body) {
        return tasks.addNote(taskId, field(body, "text", true));
    }

    @PUT
    @Path("status")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject changeStatus(String body) {
        return tasks.changeStatus(taskId, field(body, "status", true));
    }

    /** A string member of a JSON object body; an empty body is {@code {}} unless the body is required. */
    private static String field(String body, String name, boolean bodyRequired) {
        JsonObject request = !bodyRequired && (body == null || body.isBlank()) ? JsonObject.EMPTY_JSON_OBJECT : JsonBodies.object(body);
        return request.get(name) instanceof JsonString s ? s.getString() : null;
    }
}
