package dev.panels.keycloak.stytch.broker;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider.AuthenticationCallback;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Browser-facing routes of the Stytch IdP: {@code /realms/{realm}/broker/{alias}/endpoint[/…]}. Every form post
 * carries the broker {@code state}, which Keycloak verifies against the browser's authentication-session cookie. Each
 * route hands over to the step it belongs to: {@link MagicLinkStep}, {@link PasswordStep}, {@link SsoOAuthStep},
 * {@link OrganizationStep}, {@link MfaStep}; every step ends in {@link CompletionStep}.
 */
public class StytchEndpoint {

    /** No field of these pages is legitimately longer: a broker state is about 1 KB, the rest are short. */
    static final int MAX_STATE = 4096;
    static final int MAX_FIELD = 512;

    private final SignInFlow flow;

    public StytchEndpoint(KeycloakSession session, RealmModel realm, StytchIdentityProvider provider,
                          AuthenticationCallback callback, EventBuilder event) {
        this.flow = new SignInFlow(session, realm, provider, callback, event);
    }

    /** Stytch's redirect back: a magic link ({@code attempt}) or the end of an SSO/OAuth start ({@code state}). */
    @GET
    public Response stytchRedirect(@QueryParam("stytch_token_type") String tokenType, @QueryParam("token") String token,
                                   @QueryParam("attempt") String attempt, @QueryParam("state") String state) {
        if (token == null || token.isEmpty() || tokenType == null || oversized(state, tokenType, token, attempt)) {
            return invalidRequest();
        }
        return switch (tokenType) {
            case "discovery", "multi_tenant_magic_links" -> new MagicLinkStep(flow).arrived(tokenType, token, attempt);
            case "sso", "oauth", "discovery_oauth" -> flow.withAuthSession(state,
                    (authSession, next) -> new SsoOAuthStep(flow).returned(authSession, next, tokenType, token));
            default -> invalidRequest();
        };
    }

    @POST
    @Path("email")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response email(@FormParam("state") String state, @FormParam("email") String email) {
        if (oversized(state, email)) {
            return invalidRequest();
        }
        return flow.withAuthSession(state, (authSession, next) -> new MagicLinkStep(flow).send(authSession, next, email));
    }

    @GET
    @Path("status")
    @Produces(MediaType.APPLICATION_JSON)
    public Response status(@QueryParam("state") String state, @QueryParam("attempt") String attempt) {
        if (oversized(state, attempt)) {
            return invalidRequest();
        }
        return new MagicLinkStep(flow).status(attempt);
    }

    @POST
    @Path("continue")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response continueLogin(@FormParam("state") String state, @FormParam("attempt") String attempt,
                                  @FormParam("code") String code) {
        if (oversized(state, attempt, code)) {
            return invalidRequest();
        }
        return flow.withAuthSession(state,
                (authSession, next) -> new MagicLinkStep(flow).continueWithCode(authSession, next, attempt, code));
    }

    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response password(@FormParam("state") String state, @FormParam("email") String email,
                             @FormParam("password") String password, @FormParam("organization_id") String organizationId) {
        if (oversized(state, email, password, organizationId)) {
            return invalidRequest();
        }
        return flow.withAuthSession(state,
                (authSession, next) -> new PasswordStep(flow).submit(authSession, next, email, password, organizationId));
    }

    @POST
    @Path("organization")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response organization(@FormParam("state") String state, @FormParam("organization_id") String organizationId) {
        if (oversized(state, organizationId)) {
            return invalidRequest();
        }
        return flow.withAuthSession(state,
                (authSession, next) -> new OrganizationStep(flow).chosen(authSession, next, organizationId));
    }

    @POST
    @Path("mfa")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response mfa(@FormParam("state") String state, @FormParam("method") String method,
                        @FormParam("code") String code, @FormParam("phone") String phone) {
        if (oversized(state, method, code, phone)) {
            return invalidRequest();
        }
        return flow.withAuthSession(state, (authSession, next) -> new MfaStep(flow).submit(authSession, next, method, code, phone));
    }

    @GET
    @Path("retry")
    public Response retry(@QueryParam("state") String state) {
        if (oversized(state)) {
            return invalidRequest();
        }
        return flow.withAuthSession(state, (authSession, next) -> {
            SignInFlow.clearNotes(authSession);
            return flow.pages(authSession, next).login(null, null, Response.Status.OK);
        });
    }

    /** A state longer than {@value #MAX_STATE} or any other field longer than {@value #MAX_FIELD} characters. */
    static boolean oversized(String state, String... fields) {
        if (state != null && state.length() > MAX_STATE) {
            return true;
        }
        for (String field : fields) {
            if (field != null && field.length() > MAX_FIELD) {
                return true;
            }
        }
        return false;
    }

    private Response invalidRequest() {
        return flow.pages(null, null).error("stytchInvalidRequest", Response.Status.BAD_REQUEST, false);
    }
}
