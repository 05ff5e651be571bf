package dev.panels.emulator.medplum;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code POST /admin/projects/{projectId}/invite}, the part of Medplum's {@code packages/server/src/admin/invite.ts}
 * (behind {@code verifyProjectAdmin} in {@code admin/project.ts} and {@code admin/utils.ts}) that provisioning
 * uses: a project admin adds a User (reused by email), a profile resource and a ProjectMembership carrying an
 * {@code externalId}. As in Medplum, the project is the caller's own: the {@code projectId} in the path is not
 * consulted for anyone but a super admin, and this stand-in has none.
 *
 * <p>{@code accessPolicy} must reference an AccessPolicy of the project; it is recorded on the membership (this
 * stand-in does not enforce policies). Other fields that would shape the new member's access ({@code access},
 * {@code membership}, {@code upsert}) are refused rather than ignored, so an invite here never grants more than the
 * caller asked for. No email is sent. {@code POST /admin/projects/{projectId}/client} (Medplum's
 * {@code admin/client.ts}) creates a ClientApplication in the caller's project: see {@link ClientApplications}.
 */
final class InviteServlet extends HttpServlet {

    private static final List<String> PROFILE_TYPES = List.of("Patient", "Practitioner", "RelatedPerson");
    private static final List<String> NOT_EMULATED = List.of("access", "membership", "upsert");
    /** An approximation of express-validator's {@code isEmail}. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final transient TokenService tokens;
    private final transient Directory directory;
    private final transient FhirStore store;
    private final transient Clock clock;

    InviteServlet(TokenService tokens, Directory directory, FhirStore store, Clock clock) {
        this.tokens = tokens;
        this.directory = directory;
        this.store = store;
        this.clock = clock;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<TokenService.Login> login = ProjectAdminResourcesServlet.adminLogin(tokens, req, resp);
        if (login.isEmpty()) {
            return;
        }
        String path = req.getPathInfo();
        if (!"POST".equals(req.getMethod()) || path == null || !path.matches("/[^/]+/(invite|client)")) {
            JsonResponses.write(resp, 404, JsonResponses.outcome("error", "not-found", "Not found"));
            return;
        }
        JsonNode body;
        try {
            body = JsonResponses.MAPPER.readTree(req.getInputStream());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            JsonResponses.write(resp, 400, JsonResponses.outcome("error", "invalid", "Invalid JSON body"));
            return;
        }
        if (path.endsWith("/client")) {
            try {
                JsonResponses.write(resp, 201, ClientApplications.json(ClientApplications.create(directory, login.get().projectId, body)));
            } catch (ClientApplications.Invalid e) {
                JsonResponses.write(resp, 400, e.outcome());
            }
            return;
        }
        List<Map<String, Object>> problems = validate(body, login.get().projectId);
        if (!problems.isEmpty()) {
            JsonResponses.write(resp, 400, Map.of("resourceType", "OperationOutcome", "issue", problems));
            return;
        }
        invite(login.get().projectId, body, resp);
    }

    /** Synchronized so two invites of one user cannot both pass the membership check. */
    private synchronized void invite(String projectId, JsonNode body, HttpServletResponse resp) throws IOException {
        String resourceType = body.get("resourceType").asText();
        String email = text(body, "email") == null ? null : text(body, "email").toLowerCase(Locale.ROOT);
        String externalId = text(body, "externalId");
        Directory.User user = (email == null ? Optional.<Directory.User>empty()
                // Patients are always project-scoped; other profiles reuse a server-level user.
                : directory.userByEmailIn(resourceType.equals("Patient") ? projectId : null, email))
                .orElseGet(() -> {
                    boolean scoped = resourceType.equals("Patient") || externalId != null;
                    Directory.User created = new Directory.User(UUID.randomUUID().toString(), email, scoped ? projectId : null);
                    directory.add(created);
                    return created;
                });
        String profile = existingProfile(projectId, resourceType, email)
                .orElseGet(() -> createProfile(projectId, resourceType, text(body, "firstName"), text(body, "lastName"), email));
        if (!directory.memberships(user, projectId).isEmpty()) {
            JsonResponses.write(resp, 409, JsonResponses.outcome("error", "conflict", "User is already a member of this project"));
            return;
        }
        String accessPolicy = body.path("accessPolicy").path("reference").asText(null);
        Directory.Membership membership = new Directory.Membership(UUID.randomUUID().toString(), projectId,
                "User/" + user.id(), profile, externalId, body.path("admin").asBoolean(false), accessPolicy);
        directory.add(membership);
        JsonResponses.write(resp, 200, ProjectAdminResourcesServlet.json(membership));
    }

    /** Medplum's {@code inviteValidator}, one issue per failed rule. */
    private List<Map<String, Object>> validate(JsonNode body, String projectId) {
        List<Map<String, Object>> problems = new ArrayList<>();
        if (!PROFILE_TYPES.contains(body.path("resourceType").asText())) {
            problems.add(issue("Resource type is required", "resourceType"));
        }
        if (text(body, "firstName") == null || text(body, "firstName").isEmpty()) {
            problems.add(issue("First name is required", "firstName"));
        }
        if (text(body, "lastName") == null || text(body, "lastName").isEmpty()) {
            problems.add(issue("Last name is required", "lastName"));
        }
        String email = text(body, "email");
        String externalId = text(body, "externalId");
        if ((email == null || !EMAIL.matcher(email).matches()) && (externalId == null || externalId.isEmpty())) {
            problems.add(issue("Either email or externalId is required", "email"));
        }
        JsonNode policy = body.get("accessPolicy");
        if (policy != null && !policy.isNull() && !policyOfProject(policy, projectId)) {
            // Medplum validates references on write: the policy must exist, in this project
            problems.add(issue("Invalid reference", "accessPolicy"));
        }
        for (String field : NOT_EMULATED) {
            if (body.has(field) && !body.get(field).isNull() && !(field.equals("upsert") && !body.get(field).asBoolean())) {
                problems.add(issue(field + " is not supported by this Medplum stand-in", field));
            }
        }
        return problems;
    }

    private boolean policyOfProject(JsonNode reference, String projectId) {
        String ref = reference.path("reference").asText("");
        return ref.startsWith("AccessPolicy/") && directory.accessPolicy(ref.substring("AccessPolicy/".length()))
                .filter(p -> p.projectId().equals(projectId)).isPresent();
    }

    private Optional<String> existingProfile(String projectId, String type, String email) {
        if (email == null) {
            return Optional.empty();
        }
        return store.all(projectId, type).stream()
                .filter(r -> telecom(r).stream().anyMatch(c -> c.getSystem() == ContactPoint.ContactPointSystem.EMAIL
                        && email.equalsIgnoreCase(c.getValue())))
                .map(r -> type + "/" + r.getIdElement().getIdPart())
                .findFirst();
    }

    /** Medplum's {@code createProfile}: a name and, when given, a work email. */
    private String createProfile(String projectId, String type, String firstName, String lastName, String email) {
        HumanName name = new HumanName().setFamily(lastName).addGiven(firstName);
        // HAPI's addTelecom(null) adds nothing.
        ContactPoint mail = email == null ? null
                : new ContactPoint().setSystem(ContactPoint.ContactPointSystem.EMAIL).setUse(ContactPoint.ContactPointUse.WORK).setValue(email);
        Resource profile = switch (type) {
            case "Patient" -> new Patient().addName(name).addTelecom(mail);
            case "Practitioner" -> new Practitioner().addName(name).addTelecom(mail);
            default -> new RelatedPerson().addName(name).addTelecom(mail);
        };
        Resource stored = store.create(projectId, profile, clock.instant());
        return type + "/" + stored.getIdElement().getIdPart();
    }

    private static List<ContactPoint> telecom(Resource r) {
        if (r instanceof Patient p) {
            return p.getTelecom();
        }
        if (r instanceof Practitioner p) {
            return p.getTelecom();
        }
        return r instanceof RelatedPerson p ? p.getTelecom() : List.of();
    }

    private static Map<String, Object> issue(String text, String expression) {
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("severity", "error");
        issue.put("code", "invalid");
        issue.put("details", Map.of("text", text));
        issue.put("expression", List.of(expression));
        return issue;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
