package dev.panels.app.worklist;

import dev.panels.app.auth.Role;
import dev.panels.app.problem.InvalidInput;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Worklist rows of a panel, live from Medplum with the panel's columns computed. */
@Path("/panels/{panelId}/rows")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.VIEWER, Role.EDITOR, Role.ADMIN})
public class WorklistResource {

    @Inject
    WorklistService worklist;

    @Inject
    RowDetailService details;

    /** One row's detail pane: all its columns (hidden ones too) and its related resources. */
    @GET
    @Path("{type}/{id}")
    public JsonObject detail(@PathParam("panelId") String panelId, @PathParam("type") String type, @PathParam("id") String id) {
        return details.detail(panelId, type, id);
    }

    @GET
    public JsonObject rows(@PathParam("panelId") String panelId,
                           @QueryParam("view") String view,
                           @QueryParam("type") String type,
                           @QueryParam("page") @DefaultValue("0") int page,
                           @QueryParam("size") @DefaultValue("25") int size,
                           @QueryParam("filter") List<String> filters,
                           @QueryParam("sort") String sort,
                           @QueryParam("mine") String mine) {
        boolean onlyMine = switch (mine == null ? "false" : mine) {
            case "true" -> true;
            case "false" -> false;
            default -> throw InvalidInput.of("mine", "must be true or false");
        };
        return worklist.rows(panelId, view, type, page, size, filters, sort, onlyMine);
    }
}
