package dev.panels.app.worklist;

import dev.panels.app.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import dev.panels.app.problem.JsonBodies;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Task assignment: {@code PUT} with {@code {"practitioner": "Practitioner/…"}} (or {@code {}} for oneself), {@code DELETE} to unassign. */
@Path("/tasks/{taskId}/assignment")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.VIEWER, Role.EDITOR, Role.ADMIN})
public class TaskResource {

    @Inject
    TaskAssignmentService tasks;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject assign(@PathParam("taskId") String taskId, String body) {
        JsonObject request = body == null || body.isBlank() ? JsonObject.EMPTY_JSON_OBJECT : JsonBodies.object(body);
        String practitioner = request.get("practitioner") instanceof JsonString s ? s.getString() : null;
        return tasks.assign(taskId, practitioner);
    }

    @DELETE
    public JsonObject unassign(@PathParam("taskId") String taskId) {
        return tasks.unassign(taskId);
    }
}
