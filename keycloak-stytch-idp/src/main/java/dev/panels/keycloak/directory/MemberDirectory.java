package dev.panels.keycloak.directory;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resource.RealmResourceProvider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Searches the caller's own Keycloak Organization, and nothing else: the caller is whoever the bearer access
 * token names (signature, expiry, audience and a live session checked by Keycloak), the organization is the one
 * they are a member of, and only people allowed to share panels may search. {@code ?q=} (2 to 100 characters)
 * finds up to 20 members by name, email or username; {@code ?id=} (repeatable, up to 50) names members by id, e.g.
 * those a panel is already shared with. Ids of another organization's people answer nothing.
 */
public class MemberDirectory implements RealmResourceProvider {

    private static final Logger LOG = Logger.getLogger(MemberDirectory.class);
    static final int MAX_RESULTS = 20;
    static final int MAX_IDS = 50;
    static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    public record Settings(String audience, List<String> roles) {
    }

    private final KeycloakSession session;
    private final Settings settings;

    MemberDirectory(KeycloakSession session, Settings settings) {
        this.session = session;
        this.settings = settings;
    }

    @Override
    public Object getResource() {
        return this;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response search(@QueryParam("q") String query, @QueryParam("id") List<String> ids) {
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session)
                .setAudience(settings.audience()).authenticate();
        if (auth == null) {
            return problem(Response.Status.UNAUTHORIZED, "A valid access token of " + settings.audience() + " is required")
                    .header("WWW-Authenticate", "Bearer").build();
        }
        UserModel caller = auth.user();
        RealmModel realm = session.getContext().getRealm();
        if (settings.roles().stream().map(realm::getRole).filter(Objects::nonNull).noneMatch(caller::hasRole)) {
            LOG.debugf("member search refused: user %s may not share panels", caller.getId());
            return problem(Response.Status.FORBIDDEN, "Only people who may share panels search members").build();
        }
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        List<OrganizationModel> own = organizations.getByMember(caller).limit(2).toList();
        if (own.size() != 1) {
            return problem(Response.Status.FORBIDDEN, "Your account belongs to no single organization").build();
        }
        OrganizationModel organization = own.get(0);
        Stream<UserModel> found;
        if (ids != null && !ids.isEmpty()) {
            if (ids.size() > MAX_IDS || !ids.stream().allMatch(id -> id != null && ID.matcher(id).matches())) {
                return problem(Response.Status.BAD_REQUEST, "id: at most " + MAX_IDS + " member ids").build();
            }
            found = ids.stream().distinct().map(id -> organizations.getMemberById(organization, id)).filter(Objects::nonNull);
        } else {
            String text = query == null ? "" : query.strip();
            if (text.length() < 2 || text.length() > 100) {
                return problem(Response.Status.BAD_REQUEST, "q: 2 to 100 characters of a name or email").build();
            }
            found = organizations.getMembersStream(organization, text, false, 0, MAX_RESULTS);
        }
        List<Map<String, String>> members = found.filter(UserModel::isEnabled).limit(Math.max(MAX_RESULTS, MAX_IDS))
                .map(MemberDirectory::member).toList();
        return Response.ok(members).header("Cache-Control", "no-store").build();
    }

    private static Map<String, String> member(UserModel user) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("id", user.getId());
        String name = Stream.of(user.getFirstName(), user.getLastName()).filter(s -> s != null && !s.isBlank())
                .reduce((a, b) -> a + " " + b).orElse(user.getUsername());
        json.put("name", name);
        json.put("email", user.getEmail() == null ? "" : user.getEmail());
        return json;
    }

    private static Response.ResponseBuilder problem(Response.Status status, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(Map.of("status", status.getStatusCode(), "title", status.getReasonPhrase(), "detail", detail));
    }

    @Override
    public void close() {
        // nothing held
    }
}
