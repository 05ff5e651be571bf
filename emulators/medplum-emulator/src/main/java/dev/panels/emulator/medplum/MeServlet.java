package dev.panels.emulator.medplum;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /auth/me}, Medplum's {@code meHandler} ({@code packages/server/src/auth/me.ts}): who the bearer token
 * is. Medplum's TypeScript client calls it right after every sign-in and needs {@code profile.id}. Sessions,
 * security and the computed access policy are not emulated ({@code accessPolicy} is absent from the answer).
 */
final class MeServlet extends HttpServlet {

    private final transient TokenService tokens;
    private final transient Directory directory;
    private final transient FhirStore store;
    private final transient FhirContext fhir;

    MeServlet(TokenService tokens, Directory directory, FhirStore store, FhirContext fhir) {
        this.tokens = tokens;
        this.directory = directory;
        this.store = store;
        this.fhir = fhir;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<TokenService.Login> login = tokens.verifyBearer(req.getHeader("Authorization"));
        Optional<Directory.Project> project = login.flatMap(l -> directory.project(l.projectId));
        if (login.isEmpty() || project.isEmpty()) {
            JsonResponses.unauthorized(resp);
            return;
        }
        Directory.Membership membership = login.get().membership;
        Optional<Object> profile = profile(membership);
        if (profile.isEmpty()) {
            JsonResponses.write(resp, 404, JsonResponses.outcome("error", "not-found", "Not found"));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (membership.user.startsWith("User/")) {
            directory.user(membership.user.substring("User/".length())).ifPresent(u -> body.put("user",
                    resource("User", u.id(), "email", u.email())));
        }
        body.put("project", resource("Project", project.get().id(), "name", project.get().name()));
        Map<String, Object> m = resource("ProjectMembership", membership.id);
        m.put("user", Map.of("reference", membership.user));
        m.put("profile", Map.of("reference", membership.profile));
        m.put("admin", membership.admin);
        body.put("membership", m);
        body.put("profile", profile.get());
        body.put("config", Map.of("resourceType", "UserConfiguration"));
        JsonResponses.write(resp, 200, body);
    }

    /** The full profile resource: the Practitioner (or other) from the store, or the ClientApplication itself. */
    private Optional<Object> profile(Directory.Membership membership) {
        String[] ref = membership.profile.split("/", 2);
        if (ref[0].equals("ClientApplication")) {
            return Optional.of(resource("ClientApplication", ref[1]));
        }
        return store.current(membership.projectId, ref[0], ref[1]).map(r -> {
            try {
                return JsonResponses.MAPPER.readValue(fhir.newJsonParser().encodeResourceToString(r), JsonNode.class);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Map<String, Object> resource(String type, String id, String... fields) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("resourceType", type);
        r.put("id", id);
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i + 1] != null) {
                r.put(fields[i], fields[i + 1]);
            }
        }
        return r;
    }
}
