package dev.panels.app.audit;

import dev.panels.app.auth.CurrentUser;
import dev.panels.app.auth.Permission;
import dev.panels.app.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import dev.panels.app.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The organization's audit trail, newest first, for auditors and admins. */
@Path("/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.AUDITOR, Role.ADMIN})
public class AuditResource {

    static final int MAX_LIMIT = 500;

    @Inject
    AuditTrail audit;

    @Inject
    CurrentUser user;

    @GET
    public JsonArray recent(@QueryParam("limit") @DefaultValue("100") int limit) {
        user.require(Permission.AUDIT_READ);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw dev.panels.app.problem.InvalidInput.of("limit", "must be between 1 and " + MAX_LIMIT);
        }
        JsonArrayBuilder out = Jsonp.createArrayBuilder();
        for (AuditRecord r : audit.recent(user.organizationId(), limit)) {
            JsonObjectBuilder json = Jsonp.createObjectBuilder()
                    .add("id", r.id()).add("at", r.at() + "Z").add("subject", r.subject())
                    .add("action", r.action()).add("targetType", r.targetType()).add("outcome", r.outcome());
            if (r.targetId() != null) {
                json.add("targetId", r.targetId());
            }
            if (r.detail() != null) {
                json.add("detail", r.detail());
            }
            out.add(json);
        }
        return out.build();
    }
}
