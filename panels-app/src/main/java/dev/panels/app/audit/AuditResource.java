package dev.panels.app.audit;

import dev.panels.app.Jsonp;
import dev.panels.app.auth.CurrentUser;
import dev.panels.app.auth.Permission;
import dev.panels.app.auth.Role;
import dev.panels.app.problem.InvalidInput;
import dev.panels.app.problem.ProblemException;
import dev.panels.app.problem.ProblemType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * The organization's audit trail for auditors and admins, newest first: {@code GET /audit} pages of JSON (a
 * {@code Link: rel="next"} header when there is more), {@code GET /audit/export} the same filters as CSV.
 * Filters: {@code person}, {@code action}, {@code panel}, {@code from}, {@code to} (see {@link AuditQuery}).
 */
@Path("/audit")
@RequestScoped
@RolesAllowed({Role.AUDITOR, Role.ADMIN})
public class AuditResource {

    static final int MAX_LIMIT = 500;
    static final int MAX_EXPORT = 10_000;

    @Inject
    AuditTrail audit;

    @Inject
    CurrentUser user;

    @Context
    UriInfo uri;

    /** The query string of the audit page. */
    public static class Filters {
        @QueryParam("person") String person;
        @QueryParam("action") String action;
        @QueryParam("panel") String panel;
        @QueryParam("from") String from;
        @QueryParam("to") String to;

        AuditQuery parse() {
            return AuditQuery.parse(person, action, panel, from, to);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response page(@BeanParam Filters filters, @QueryParam("page") String page, @QueryParam("limit") String limit) {
        user.require(Permission.AUDIT_READ);
        InvalidInput errors = new InvalidInput();
        int size = errors.wholeNumber(limit, "limit", 100, 1, MAX_LIMIT);
        int index = errors.wholeNumber(page, "page", 0, 0, 100_000);
        errors.throwIfAny();
        AuditQuery query = filters.parse();
        List<AuditRecord> found = audit.search(user.organizationId(), query, index * size, size + 1);
        JsonArrayBuilder out = Jsonp.createArrayBuilder();
        found.stream().limit(size).forEach(r -> out.add(AuditJson.record(r)));
        Response.ResponseBuilder response = Response.ok(out.build());
        if (found.size() > size) {
            response.link(uri.getRequestUriBuilder().replaceQueryParam("page", index + 1).build(), "next");
        }
        return response.build();
    }

    @GET
    @Path("export")
    @Produces("text/csv")
    public Response export(@BeanParam Filters filters) {
        user.require(Permission.AUDIT_READ);
        AuditQuery query = filters.parse();
        List<AuditRecord> found = audit.search(user.organizationId(), query, 0, MAX_EXPORT + 1);
        if (found.size() > MAX_EXPORT) {
            throw new ProblemException(ProblemType.VALIDATION,
                    "More than " + MAX_EXPORT + " records match; narrow the time range or the other filters and export again");
        }
        audit.success("audit.export", "audit", null, found.size() + " records; " + AuditJson.describe(query));
        return Response.ok(AuditJson.csv(found))
                .type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"panels-audit.csv\"")
                .header("Cache-Control", "no-store")
                .build();
    }
}
