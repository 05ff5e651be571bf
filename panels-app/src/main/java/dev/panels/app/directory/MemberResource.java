package dev.panels.app.directory;

import dev.panels.app.auth.CurrentUser;
import dev.panels.app.auth.Permission;
import dev.panels.app.auth.Role;
import dev.panels.app.problem.InvalidInput;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Members of the caller's organization for the sharing dialog: {@code ?q=} finds up to 20 by name or email,
 * {@code ?id=} (repeatable) names those a panel is shared with. Only people who may share panels ask.
 */
@Path("/members")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.EDITOR, Role.ADMIN})
public class MemberResource {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    @Inject
    KeycloakMembers members;

    @Inject
    CurrentUser user;

    @GET
    public JsonArray find(@QueryParam("q") String query, @QueryParam("id") List<String> ids) {
        user.require(Permission.PANEL_SHARE);
        InvalidInput errors = new InvalidInput();
        if (ids != null && !ids.isEmpty()) {
            errors.check(ids.size() <= 50 && ids.stream().allMatch(id -> id != null && ID.matcher(id).matches()), "id", "at most 50 member ids");
            errors.throwIfAny();
            return members.byIds(user.rawToken(), ids);
        }
        String text = query == null ? "" : query.strip();
        errors.check(text.length() >= 2 && text.length() <= 100, "q", "type 2 to 100 characters of a name or email");
        errors.throwIfAny();
        return members.search(user.rawToken(), text);
    }
}
