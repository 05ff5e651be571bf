package dev.panels.emulator.medplum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Medplum's own resource types that set a project up, on the FHIR API: {@code ClientApplication} (read, search by
 * {@code name}, update), {@code AccessPolicy} (read, search by {@code name}, create, update) and
 * {@code ProjectMembership} (read, search by {@code external-id}, Medplum's parameter on
 * {@code ProjectMembership.externalId}). Only project admins, and only within their own project: another project's
 * resource is 404, as every cross-project read in Medplum. Stricter than Medplum in two ways: members who are not
 * admins get 403 even for reads, and search parameters other than these are 400.
 */
final class ProjectAdminResourcesServlet extends HttpServlet {

    static final List<String> TYPES = List.of("ClientApplication", "AccessPolicy", "ProjectMembership");

    private final transient TokenService tokens;
    private final transient Directory directory;

    ProjectAdminResourcesServlet(TokenService tokens, Directory directory) {
        this.tokens = tokens;
        this.directory = directory;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<TokenService.Login> login = adminLogin(tokens, req, resp);
        if (login.isEmpty()) {
            return;
        }
        String[] path = req.getRequestURI().substring(req.getContextPath().length() + "/fhir/R4/".length()).split("/");
        String type = path[0];
        String id = path.length > 1 ? path[1] : null;
        String project = login.get().projectId;
        try {
            switch (req.getMethod() + " " + type + (id == null ? "" : "/id")) {
                case "GET ClientApplication" -> search(req, resp, "name", name -> directory.clients().stream()
                        .filter(c -> c.projectId().equals(project) && startsWith(c.name(), name))
                        .map(ClientApplications::json).toList());
                case "GET ClientApplication/id" -> found(resp, client(project, id).map(ClientApplications::json));
                case "PUT ClientApplication/id" -> updateClient(req, resp, project, id);
                case "GET AccessPolicy" -> search(req, resp, "name", name -> directory.accessPolicies(project).stream()
                        .filter(p -> startsWith(p.name(), name)).map(Directory.AccessPolicy::resource).toList());
                case "GET AccessPolicy/id" -> found(resp, directory.accessPolicy(id).filter(p -> p.projectId().equals(project))
                        .map(Directory.AccessPolicy::resource));
                case "POST AccessPolicy" -> writePolicy(req, resp, project, UUID.randomUUID().toString(), 201);
                case "PUT AccessPolicy/id" -> {
                    if (directory.accessPolicy(id).filter(p -> p.projectId().equals(project)).isEmpty()) {
                        notFound(resp);
                    } else {
                        writePolicy(req, resp, project, id, 200);
                    }
                }
                case "GET ProjectMembership" -> search(req, resp, "external-id", externalId -> directory.memberships(project).stream()
                        .filter(m -> externalId.equals(m.externalId)).map(ProjectAdminResourcesServlet::json).toList());
                case "GET ProjectMembership/id" -> found(resp, directory.membership(id).filter(m -> m.projectId.equals(project))
                        .map(ProjectAdminResourcesServlet::json));
                default -> JsonResponses.write(resp, 405, JsonResponses.outcome("error", "not-supported",
                        req.getMethod() + " " + type + (id == null ? "" : "/{id}") + " is not supported by this Medplum stand-in"));
            }
        } catch (ClientApplications.Invalid e) {
            JsonResponses.write(resp, 400, e.outcome());
        }
    }

    /**
     * The caller's login when it is a project admin; otherwise answers 401 (no valid token) or 403 and returns empty.
     * Medplum checks admin rights for every {@code /admin/projects} route before matching the route itself.
     */
    static Optional<TokenService.Login> adminLogin(TokenService tokens, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        Optional<TokenService.Login> login = tokens.verifyBearer(req.getHeader("Authorization"));
        if (login.isEmpty()) {
            JsonResponses.unauthorized(resp);
            return Optional.empty();
        }
        if (!login.get().membership.admin) {
            JsonResponses.write(resp, 403, JsonResponses.outcome("error", "forbidden", "Forbidden"));
            return Optional.empty();
        }
        return login;
    }

    private Optional<Directory.ClientApp> client(String project, String id) {
        return directory.client(id).filter(c -> c.projectId().equals(project));
    }

    private void updateClient(HttpServletRequest req, HttpServletResponse resp, String project, String id)
            throws IOException, ClientApplications.Invalid {
        Optional<Directory.ClientApp> existing = client(project, id);
        if (existing.isEmpty()) {
            notFound(resp);
            return;
        }
        Directory.ClientApp updated = ClientApplications.update(existing.get(), body(req));
        directory.replace(updated);
        JsonResponses.write(resp, 200, ClientApplications.json(updated));
    }

    /** Validated as Medplum's strict mode would for what matters here: a name and well-formed resource rules. */
    private void writePolicy(HttpServletRequest req, HttpServletResponse resp, String project, String id, int status)
            throws IOException, ClientApplications.Invalid {
        JsonNode body = body(req);
        if (!"AccessPolicy".equals(ClientApplications.text(body, "resourceType"))) {
            throw new ClientApplications.Invalid("Incorrect resource type", "resourceType");
        }
        if (status == 200 && !id.equals(ClientApplications.text(body, "id"))) {
            throw new ClientApplications.Invalid("Incorrect ID", "id");
        }
        String name = ClientApplications.text(body, "name");
        JsonNode rules = body.get("resource");
        if (rules != null && !rules.isArray()) {
            throw new ClientApplications.Invalid("Invalid JSON type: expected array", "resource");
        }
        for (JsonNode rule : rules == null ? List.<JsonNode>of() : rules) {
            if (ClientApplications.text(rule, "resourceType") == null) {
                throw new ClientApplications.Invalid("Missing required property", "resource.resourceType");
            }
        }
        String unenforceable = AccessPolicies.unenforceable(body);
        if (unenforceable != null) {
            throw new ClientApplications.Invalid(unenforceable + " is not supported by this Medplum stand-in", unenforceable);
        }
        ObjectNode stored = ((ObjectNode) body).deepCopy();
        stored.put("id", id);
        stored.putObject("meta").put("project", project).put("versionId", UUID.randomUUID().toString());
        directory.put(new Directory.AccessPolicy(id, project, name, stored));
        JsonResponses.write(resp, status, stored);
    }

    private static JsonNode body(HttpServletRequest req) throws ClientApplications.Invalid {
        try {
            JsonNode body = JsonResponses.MAPPER.readTree(req.getInputStream());
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (IOException e) {
            // answered below
        }
        throw new ClientApplications.Invalid("Invalid JSON body", "body");
    }

    /** A searchset of what {@code matches} finds for the one supported parameter (absent: everything). */
    private static void search(HttpServletRequest req, HttpServletResponse resp, String parameter,
                               java.util.function.Function<String, List<?>> matches) throws IOException, ClientApplications.Invalid {
        for (String name : req.getParameterMap().keySet()) {
            if (!Set.of(parameter, "_count").contains(name)) {
                throw new ClientApplications.Invalid("Unknown search parameter: " + name, name);
            }
        }
        String value = req.getParameter(parameter);
        List<?> resources = matches.apply(value);
        List<Map<String, Object>> entries = new ArrayList<>();
        resources.forEach(r -> entries.add(Map.of("resource", r)));
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "searchset");
        bundle.put("total", entries.size());
        bundle.put("entry", entries);
        JsonResponses.write(resp, 200, bundle);
    }

    private static boolean startsWith(String actual, String wanted) {
        // FHIR string search: case-insensitive prefix; no value matches every resource
        return wanted == null || (actual != null && actual.toLowerCase(Locale.ROOT).startsWith(wanted.toLowerCase(Locale.ROOT)));
    }

    private static void found(HttpServletResponse resp, Optional<?> resource) throws IOException {
        if (resource.isEmpty()) {
            notFound(resp);
        } else {
            JsonResponses.write(resp, 200, resource.get());
        }
    }

    private static void notFound(HttpServletResponse resp) throws IOException {
        JsonResponses.write(resp, 404, JsonResponses.outcome("error", "not-found", "Not found"));
    }

    static Map<String, Object> json(Directory.Membership m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("resourceType", "ProjectMembership");
        r.put("id", m.id);
        r.put("project", Map.of("reference", "Project/" + m.projectId));
        r.put("user", Map.of("reference", m.user));
        r.put("profile", Map.of("reference", m.profile));
        if (m.externalId != null) {
            r.put("externalId", m.externalId);
        }
        if (m.accessPolicy != null) {
            r.put("accessPolicy", Map.of("reference", m.accessPolicy));
        }
        r.put("admin", m.admin);
        r.put("active", m.active());
        return r;
    }

}
