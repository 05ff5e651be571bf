package dev.panels.keycloak.stytch;

import dev.panels.keycloak.stytch.StytchFailure.Kind;
import dev.panels.keycloak.stytch.StytchIdentityProviderConfig.LoginMethod;
import dev.panels.keycloak.stytch.StytchIdentityProviderConfig.OrganizationMode;
import dev.panels.keycloak.stytch.StytchModels.DiscoveredOrganization;
import dev.panels.keycloak.stytch.StytchModels.Discovery;
import dev.panels.keycloak.stytch.StytchModels.Member;
import dev.panels.keycloak.stytch.StytchModels.MemberAuth;
import dev.panels.keycloak.stytch.StytchModels.Organization;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.util.IdentityBrokerState;
import org.keycloak.services.managers.ClientSessionCode;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider.AuthenticationCallback;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Browser-facing endpoint of the Stytch IdP: {@code /realms/{realm}/broker/{alias}/endpoint[/…]}. Every form post
 * carries the broker {@code state}, which Keycloak verifies against the browser's authentication-session cookie.
 */
public class StytchEndpoint {

    private static final Logger LOG = Logger.getLogger(StytchEndpoint.class);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,63}$");
    private static final int MAX_MFA_FAILURES = 5;

    static final String NOTE_IST = "stytch.ist";
    static final String NOTE_EMAIL = "stytch.email";
    static final String NOTE_ATTEMPT = "stytch.attempt";
    static final String NOTE_MFA_ORG = "stytch.mfa.org";
    static final String NOTE_MFA_MEMBER = "stytch.mfa.member";
    static final String NOTE_MFA_PHONE = "stytch.mfa.phone";
    static final String NOTE_MFA_TOTP = "stytch.mfa.totp";
    static final String NOTE_MFA_FAILURES = "stytch.mfa.failures";
    static final String NOTE_METHOD = "stytch.method";

    /** What a verified magic link produced, stored for the original window when opened elsewhere. */
    public record Continuation(String method, Discovery discovery, MemberAuth memberAuth) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final StytchIdentityProvider provider;
    private final StytchIdentityProviderConfig config;
    private final AuthenticationCallback callback;
    private final EventBuilder event;

    public StytchEndpoint(KeycloakSession session, RealmModel realm, StytchIdentityProvider provider,
                          AuthenticationCallback callback, EventBuilder event) {
        this.session = session;
        this.realm = realm;
        this.provider = provider;
        this.config = provider.getConfig();
        this.callback = callback;
        this.event = event;
    }

    // ------------------------------------------------------------------ redirects back from Stytch

    @GET
    public Response stytchRedirect(@QueryParam("stytch_token_type") String tokenType, @QueryParam("token") String token,
                                   @QueryParam("attempt") String attempt, @QueryParam("state") String state) {
        if (token == null || token.isEmpty() || tokenType == null) {
            return pages(null, null).error("stytchInvalidRequest", Response.Status.BAD_REQUEST, false);
        }
        switch (tokenType) {
            case "discovery":
            case "multi_tenant_magic_links":
                return magicLink(tokenType, token, attempt);
            case "sso":
            case "oauth":
            case "discovery_oauth":
                return withAuthSession(state, (authSession, next) -> {
                    authSession.setAuthNote(NOTE_METHOD, tokenType);
                    if (tokenType.equals("discovery_oauth")) {
                        return continueWithDiscovery(authSession, next, provider.gateway().authenticateDiscoveryOAuth(token));
                    }
                    MemberAuth auth = tokenType.equals("sso")
                            ? provider.gateway().authenticateSso(token, config.getSessionDurationMinutes())
                            : provider.gateway().authenticateOAuth(token, config.getSessionDurationMinutes());
                    return continueWithMember(authSession, next, auth);
                });
            default:
                return pages(null, null).error("stytchInvalidRequest", Response.Status.BAD_REQUEST, false);
        }
    }

    private Response magicLink(String tokenType, String token, String attemptId) {
        LoginAttempts attempts = new LoginAttempts(session);
        Map<String, String> attempt = attempts.get(attemptId);
        if (attempt == null || !realm.getId().equals(attempt.get(LoginAttempts.REALM))
                || !config.getAlias().equals(attempt.get(LoginAttempts.ALIAS))
                || !LoginAttempts.PENDING.equals(attempt.get(LoginAttempts.STATUS))) {
            loginError(null, Kind.LINK_INVALID, null, null, null);
            return pages(null, null).error(Kind.LINK_INVALID.messageKey(), Response.Status.BAD_REQUEST, false);
        }
        String linkUrl = session.getContext().getUri().getRequestUri().toString();
        RootAuthenticationSessionModel root = new AuthenticationSessionManager(session).getCurrentRootAuthenticationSession(realm);
        if (root != null && root.getId().equals(attempt.get(LoginAttempts.ROOT_AUTH_SESSION))) {
            // Same browser: finish right here.
            AuthenticationSessionModel authSession;
            try {
                authSession = callback.getAndVerifyAuthenticationSession(attempt.get(LoginAttempts.STATE));
            } catch (WebApplicationException e) {
                return e.getResponse();
            }
            session.getContext().setAuthenticationSession(authSession);
            String next = freshState(authSession);
            // the link stays usable (e.g. after "Stytch unavailable") with the new state
            attempt.put(LoginAttempts.STATE, next);
            attempts.update(attemptId, attempt);
            return guarded(authSession, next, linkUrl, () -> {
                Continuation result = authenticateLink(tokenType, token, attempt);
                if (attempts.take(attemptId) == null) {
                    throw StytchFailure.of(Kind.LINK_INVALID, "attempt already used");
                }
                return resume(authSession, next, result);
            });
        }
        // Another browser or device: it only gets a code to type into the original window.
        return guarded(null, null, linkUrl, () -> {
            Continuation result = authenticateLink(tokenType, token, attempt);
            String code = LoginAttempts.newCode();
            attempt.put(LoginAttempts.STATUS, LoginAttempts.VERIFIED);
            attempt.put(LoginAttempts.CODE_HASH, LoginAttempts.hash(code));
            attempt.put(LoginAttempts.RESULT, json(result));
            attempts.update(attemptId, attempt);
            stepEvent("link_verified_elsewhere", null, null);
            return noStore(pages(null, null).linkConfirmed(code));
        });
    }

    private Continuation authenticateLink(String tokenType, String token, Map<String, String> attempt) {
        if (tokenType.equals("discovery")) {
            Discovery discovery = provider.gateway().authenticateDiscoveryMagicLink(token);
            if (discovery.email() == null || !discovery.email().equalsIgnoreCase(attempt.get(LoginAttempts.EMAIL))) {
                throw StytchFailure.of(Kind.LINK_INVALID, "magic link for another email than the attempt's");
            }
            return new Continuation("discovery_magic_link", discovery, null);
        }
        return new Continuation("organization_magic_link", null,
                provider.gateway().authenticateOrganizationMagicLink(token, config.getSessionDurationMinutes()));
    }

    // ------------------------------------------------------------------ forms

    @POST
    @Path("email")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response email(@FormParam("state") String state, @FormParam("email") String rawEmail) {
        return withAuthSession(state, (authSession, next) -> {
            StytchPages pages = pages(authSession, next);
            boolean discovery = config.isEnabled(LoginMethod.DISCOVERY_MAGIC_LINK);
            if (!discovery && !config.isEnabled(LoginMethod.ORGANIZATION_MAGIC_LINK)) {
                return pages.login("stytchMethodNotAllowed", null, Response.Status.BAD_REQUEST);
            }
            String email = rawEmail == null ? "" : rawEmail.trim().toLowerCase(Locale.ROOT);
            if (!EMAIL.matcher(email).matches()) {
                return pages.login("stytchInvalidEmail", rawEmail, Response.Status.BAD_REQUEST);
            }
            String ip = session.getContext().getConnection().getRemoteAddr();
            boolean emailOk = provider.factory().emailLimiter().tryAcquire(config.getAlias() + '|' + realm.getId() + '|'
                    + StytchIdentityProviderFactory.sha256(email), config.getRateLimitPerEmail());
            boolean ipOk = provider.factory().ipLimiter().tryAcquire(config.getAlias() + '|' + realm.getId() + '|' + ip,
                    config.getRateLimitPerIp());
            if (!emailOk || !ipOk) {
                loginError(authSession, Kind.TOO_MANY_ATTEMPTS, null, null, emailOk ? "ip" : "email");
                return pages.login(Kind.TOO_MANY_ATTEMPTS.messageKey(), email, Response.Status.TOO_MANY_REQUESTS);
            }
            String attemptId = LoginAttempts.newId();
            Map<String, String> notes = new HashMap<>();
            notes.put(LoginAttempts.REALM, realm.getId());
            notes.put(LoginAttempts.ALIAS, config.getAlias());
            notes.put(LoginAttempts.STATE, next);
            notes.put(LoginAttempts.ROOT_AUTH_SESSION, authSession.getParentSession().getId());
            notes.put(LoginAttempts.TAB, authSession.getTabId());
            notes.put(LoginAttempts.EMAIL, email);
            new LoginAttempts(session).create(attemptId, notes);
            String redirect = UriBuilder.fromUri(pages.endpointUrl(null)).queryParam("attempt", attemptId).build().toString();
            if (discovery) {
                provider.gateway().sendDiscoveryEmail(email, redirect, LoginAttempts.LIFESPAN_SECONDS / 60);
            } else {
                Organization pinned = new OrganizationPolicy(session, realm, provider).pinnedOrganization(provider.gateway());
                if (pinned == null) {
                    throw StytchFailure.of(Kind.MISCONFIGURED, "pinned Stytch organization not found");
                }
                provider.gateway().sendOrganizationEmail(pinned.organizationId(), email, redirect);
            }
            authSession.setAuthNote(NOTE_ATTEMPT, attemptId);
            authSession.setAuthNote(NOTE_EMAIL, email);
            event.clone().event(EventType.IDENTITY_PROVIDER_LOGIN)
                    .detail(Details.IDENTITY_PROVIDER, config.getAlias())
                    .detail(StytchEvents.STEP, "email_sent")
                    .detail(StytchEvents.METHOD, discovery ? "discovery_magic_link" : "organization_magic_link")
                    .detail(Details.EMAIL, email)
                    .success();
            return pages.checkEmail(email, attemptId, null, Response.Status.OK);
        });
    }

    @GET
    @Path("status")
    @Produces(MediaType.APPLICATION_JSON)
    public Response status(@QueryParam("state") String state, @QueryParam("attempt") String attemptId) {
        // Polling must not consume the page's state: the browser is recognised by its auth-session cookie instead.
        String status;
        RootAuthenticationSessionModel root = new AuthenticationSessionManager(session).getCurrentRootAuthenticationSession(realm);
        Map<String, String> attempt = new LoginAttempts(session).get(attemptId);
        if (root == null) {
            status = "expired";
        } else if (attempt == null) {
            status = "gone";
        } else if (!root.getId().equals(attempt.get(LoginAttempts.ROOT_AUTH_SESSION))) {
            status = "unknown";
        } else {
            status = attempt.get(LoginAttempts.STATUS);
        }
        return noStore(Response.ok(Map.of("status", status), MediaType.APPLICATION_JSON_TYPE).build());
    }

    @POST
    @Path("continue")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response continueLogin(@FormParam("state") String state, @FormParam("attempt") String attemptId,
                                  @FormParam("code") String code) {
        return withAuthSession(state, (authSession, next) -> {
            LoginAttempts attempts = new LoginAttempts(session);
            Map<String, String> attempt = attempts.get(attemptId);
            StytchPages pages = pages(authSession, next);
            if (attempt == null || !authSession.getParentSession().getId().equals(attempt.get(LoginAttempts.ROOT_AUTH_SESSION))
                    || !authSession.getTabId().equals(attempt.get(LoginAttempts.TAB))) {
                loginError(authSession, Kind.LINK_INVALID, null, null, "continuation_unknown");
                return pages.error(Kind.LINK_INVALID.messageKey(), Response.Status.BAD_REQUEST, true);
            }
            String email = attempt.get(LoginAttempts.EMAIL);
            if (!LoginAttempts.VERIFIED.equals(attempt.get(LoginAttempts.STATUS))) {
                return pages.checkEmail(email, attemptId, "stytchLinkNotOpenedYet", Response.Status.BAD_REQUEST);
            }
            if (!LoginAttempts.codeMatches(attempt.get(LoginAttempts.CODE_HASH), code)) {
                int tries = Integer.parseInt(attempt.getOrDefault(LoginAttempts.TRIES, "0")) + 1;
                if (tries >= LoginAttempts.MAX_CODE_TRIES) {
                    attempts.take(attemptId);
                    loginError(authSession, Kind.TOO_MANY_ATTEMPTS, null, null, "continuation_code");
                    return pages.error(Kind.TOO_MANY_ATTEMPTS.messageKey(), Response.Status.TOO_MANY_REQUESTS, true);
                }
                attempt.put(LoginAttempts.TRIES, Integer.toString(tries));
                attempts.update(attemptId, attempt);
                loginError(authSession, Kind.INVALID_INPUT, null, null, "continuation_code");
                return pages.checkEmail(email, attemptId, "stytchContinuationCodeInvalid", Response.Status.UNAUTHORIZED);
            }
            Map<String, String> taken = attempts.take(attemptId);
            if (taken == null) {
                return pages.error(Kind.LINK_INVALID.messageKey(), Response.Status.BAD_REQUEST, true);
            }
            return resume(authSession, next, parse(taken.get(LoginAttempts.RESULT)));
        });
    }

    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response password(@FormParam("state") String state, @FormParam("email") String rawEmail,
                             @FormParam("password") String password, @FormParam("organization_id") String organizationId) {
        return withAuthSession(state, (authSession, next) -> {
            StytchPages pages = pages(authSession, next);
            if (!config.isEnabled(LoginMethod.PASSWORD)) {
                return pages.login("stytchMethodNotAllowed", null, Response.Status.BAD_REQUEST);
            }
            String email = rawEmail == null ? "" : rawEmail.trim().toLowerCase(Locale.ROOT);
            if (!EMAIL.matcher(email).matches() || password == null || password.isEmpty()) {
                return pages.login("stytchInvalidEmail", rawEmail, Response.Status.BAD_REQUEST);
            }
            OrganizationPolicy policy = new OrganizationPolicy(session, realm, provider);
            String orgId;
            if (config.getOrganizationMode() == OrganizationMode.PINNED) {
                Organization pinned = policy.pinnedOrganization(provider.gateway());
                if (pinned == null) {
                    throw StytchFailure.of(Kind.MISCONFIGURED, "pinned Stytch organization not found");
                }
                orgId = pinned.organizationId();
            } else {
                orgId = policy.linkedOrganizations().stream()
                        .filter(o -> o.stytchOrganizationId().equals(organizationId))
                        .map(OrganizationPolicy.LinkedOrganization::stytchOrganizationId)
                        .findFirst().orElse(null);
                if (orgId == null) {
                    loginError(authSession, Kind.ORGANIZATION_NOT_ALLOWED, organizationId, null, null);
                    return pages.login("stytchChooseOrganization", email, Response.Status.BAD_REQUEST);
                }
            }
            authSession.setAuthNote(NOTE_METHOD, "password");
            try {
                return continueWithMember(authSession, next,
                        provider.gateway().authenticatePassword(orgId, email, password, config.getSessionDurationMinutes()));
            } catch (StytchFailure e) {
                if (e.kind() == Kind.WRONG_PASSWORD || e.kind() == Kind.MEMBER_NOT_FOUND) {
                    loginError(authSession, Kind.WRONG_PASSWORD, orgId, null, e.errorType());
                    return pages.login(Kind.WRONG_PASSWORD.messageKey(), email, Response.Status.UNAUTHORIZED);
                }
                throw e;
            }
        });
    }

    @POST
    @Path("organization")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response organization(@FormParam("state") String state, @FormParam("organization_id") String organizationId) {
        return withAuthSession(state, (authSession, next) -> {
            String ist = authSession.getAuthNote(NOTE_IST);
            if (ist == null) {
                throw StytchFailure.of(Kind.SESSION_EXPIRED, "no intermediate session in this login");
            }
            Discovery discovery = provider.gateway().listDiscoveredOrganizations(ist);
            OrganizationPolicy policy = new OrganizationPolicy(session, realm, provider);
            Organization chosen = discovery.organizations().stream().map(DiscoveredOrganization::organization)
                    .filter(o -> o.organizationId().equals(organizationId))
                    .findFirst().orElse(null);
            if (chosen == null || !policy.accepts(chosen)) {
                loginError(authSession, Kind.ORGANIZATION_NOT_ALLOWED, organizationId, null, null);
                return pages(authSession, next).error(Kind.ORGANIZATION_NOT_ALLOWED.messageKey(), Response.Status.FORBIDDEN, true);
            }
            return exchange(authSession, next, ist, chosen.organizationId());
        });
    }

    @POST
    @Path("mfa")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response mfa(@FormParam("state") String state, @FormParam("method") String method,
                        @FormParam("code") String code, @FormParam("phone") String phone) {
        return withAuthSession(state, (authSession, next) -> {
            String ist = authSession.getAuthNote(NOTE_IST);
            String orgId = authSession.getAuthNote(NOTE_MFA_ORG);
            String memberId = authSession.getAuthNote(NOTE_MFA_MEMBER);
            if (ist == null || orgId == null || memberId == null) {
                throw StytchFailure.of(Kind.SESSION_EXPIRED, "no MFA step in progress");
            }
            StytchPages pages = pages(authSession, next);
            boolean totp = "true".equals(authSession.getAuthNote(NOTE_MFA_TOTP));
            String maskedPhone = authSession.getAuthNote(NOTE_MFA_PHONE);
            String m = method == null ? "" : method;
            switch (m) {
                case "phone": {
                    if (phone == null || !phone.trim().matches("^\\+[1-9][0-9]{6,14}$")) {
                        return pages.mfa(false, false, true, null, "stytchInvalidPhone", Response.Status.BAD_REQUEST);
                    }
                    provider.gateway().sendSmsOtp(orgId, memberId, phone.trim(), ist);
                    authSession.setAuthNote(NOTE_MFA_PHONE, StytchPages.maskPhone(phone.trim()));
                    stepEvent("mfa_sms_sent", orgId, memberId);
                    return pages.mfa(true, false, false, StytchPages.maskPhone(phone.trim()), null, Response.Status.OK);
                }
                case "resend": {
                    provider.gateway().sendSmsOtp(orgId, memberId, null, ist);
                    stepEvent("mfa_sms_sent", orgId, memberId);
                    return pages.mfa(true, totp, false, maskedPhone, null, Response.Status.OK);
                }
                case "sms":
                case "totp": {
                    if (code == null || !code.trim().matches("^[0-9]{6,8}$")) {
                        return pages.mfa(m.equals("sms"), totp, false, maskedPhone, Kind.MFA_CODE_INVALID.messageKey(),
                                Response.Status.BAD_REQUEST);
                    }
                    try {
                        MemberAuth auth = m.equals("sms")
                                ? provider.gateway().authenticateSmsOtp(orgId, memberId, code.trim(), ist, config.getSessionDurationMinutes())
                                : provider.gateway().authenticateTotp(orgId, memberId, code.trim(), ist, config.getSessionDurationMinutes());
                        stepEvent("mfa_verified", orgId, memberId);
                        return continueWithMember(authSession, next, auth);
                    } catch (StytchFailure e) {
                        if (e.kind() != Kind.MFA_CODE_INVALID) {
                            throw e;
                        }
                        int failures = Integer.parseInt(defaultString(authSession.getAuthNote(NOTE_MFA_FAILURES), "0")) + 1;
                        authSession.setAuthNote(NOTE_MFA_FAILURES, Integer.toString(failures));
                        loginError(authSession, Kind.MFA_CODE_INVALID, orgId, memberId, e.errorType());
                        if (failures >= MAX_MFA_FAILURES) {
                            clearNotes(authSession);
                            return pages.error(Kind.TOO_MANY_ATTEMPTS.messageKey(), Response.Status.TOO_MANY_REQUESTS, true);
                        }
                        return pages.mfa(m.equals("sms"), totp, false, maskedPhone, Kind.MFA_CODE_INVALID.messageKey(),
                                Response.Status.UNAUTHORIZED);
                    }
                }
                default:
                    return pages.mfa(false, totp, false, maskedPhone, "stytchInvalidRequest", Response.Status.BAD_REQUEST);
            }
        });
    }

    @GET
    @Path("retry")
    public Response retry(@QueryParam("state") String state) {
        return withAuthSession(state, (authSession, next) -> {
            clearNotes(authSession);
            return pages(authSession, next).login(null, null, Response.Status.OK);
        });
    }

    // ------------------------------------------------------------------ the flow after a primary factor

    private Response resume(AuthenticationSessionModel authSession, String state, Continuation c) {
        authSession.setAuthNote(NOTE_METHOD, c.method());
        if (c.discovery() != null) {
            return continueWithDiscovery(authSession, state, c.discovery());
        }
        return continueWithMember(authSession, state, c.memberAuth());
    }

    private Response continueWithDiscovery(AuthenticationSessionModel authSession, String state, Discovery discovery) {
        authSession.setAuthNote(NOTE_IST, discovery.intermediateSessionToken());
        if (discovery.email() != null) {
            authSession.setAuthNote(NOTE_EMAIL, discovery.email());
        }
        OrganizationPolicy policy = new OrganizationPolicy(session, realm, provider);
        List<Organization> allowed = new ArrayList<>();
        for (DiscoveredOrganization d : discovery.organizations()) {
            if (d.organization() != null && policy.accepts(d.organization())) {
                allowed.add(d.organization());
            }
        }
        if (allowed.isEmpty()) {
            loginError(authSession, Kind.ORGANIZATION_NOT_ALLOWED,
                    discovery.organizations().isEmpty() ? null : discovery.organizations().get(0).organization().organizationId(),
                    null, discovery.organizations().isEmpty() ? "no_organizations" : "not_in_realm");
            clearNotes(authSession);
            return pages(authSession, state).error(Kind.ORGANIZATION_NOT_ALLOWED.messageKey(), Response.Status.FORBIDDEN, true);
        }
        if (allowed.size() == 1) {
            return exchange(authSession, state, discovery.intermediateSessionToken(), allowed.get(0).organizationId());
        }
        return pages(authSession, state).organizations(allowed);
    }

    private Response exchange(AuthenticationSessionModel authSession, String state, String ist, String organizationId) {
        return continueWithMember(authSession, state,
                provider.gateway().exchangeIntermediateSession(ist, organizationId, config.getSessionDurationMinutes()));
    }

    private Response continueWithMember(AuthenticationSessionModel authSession, String state, MemberAuth auth) {
        StytchPages pages = pages(authSession, state);
        OrganizationPolicy policy = new OrganizationPolicy(session, realm, provider);
        String orgId = auth.organization() == null ? null : auth.organization().organizationId();
        String memberId = auth.member() == null ? null : auth.member().memberId();
        if (!policy.accepts(auth.organization())) {
            loginError(authSession, Kind.ORGANIZATION_NOT_ALLOWED, orgId, memberId, null);
            clearNotes(authSession);
            return pages.error(Kind.ORGANIZATION_NOT_ALLOWED.messageKey(), Response.Status.FORBIDDEN, true);
        }
        if (auth.member() == null || !auth.member().statusActive()) {
            loginError(authSession, Kind.MEMBER_DEACTIVATED, orgId, memberId, null);
            clearNotes(authSession);
            return pages.error(Kind.MEMBER_DEACTIVATED.messageKey(), Response.Status.FORBIDDEN, true);
        }
        if (!auth.memberAuthenticated()) {
            if (auth.mfa() == null || auth.intermediateSessionToken() == null) {
                loginError(authSession, Kind.INVALID_INPUT, orgId, memberId, "primary_required");
                clearNotes(authSession);
                return pages.error("stytchMethodNotAllowed", Response.Status.FORBIDDEN, true);
            }
            if (!config.isHonourMfa()) {
                loginError(authSession, Kind.INVALID_INPUT, orgId, memberId, "mfa_not_accepted");
                clearNotes(authSession);
                return pages.error("stytchMfaNotAccepted", Response.Status.FORBIDDEN, true);
            }
            authSession.setAuthNote(NOTE_IST, auth.intermediateSessionToken());
            authSession.setAuthNote(NOTE_MFA_ORG, orgId);
            authSession.setAuthNote(NOTE_MFA_MEMBER, memberId);
            authSession.setAuthNote(NOTE_MFA_TOTP, Boolean.toString(auth.mfa().hasTotp()));
            authSession.setAuthNote(NOTE_MFA_PHONE, StytchPages.maskPhone(auth.mfa().phoneNumber()));
            boolean smsSent = auth.mfa().smsSent();
            if (!smsSent && auth.mfa().hasPhone() && !auth.mfa().hasTotp()) {
                provider.gateway().sendSmsOtp(orgId, memberId, null, auth.intermediateSessionToken());
                smsSent = true;
            }
            boolean needsPhone = !auth.mfa().hasPhone() && !auth.mfa().hasTotp();
            stepEvent("mfa_required", orgId, memberId);
            return pages.mfa(smsSent, auth.mfa().hasTotp(), needsPhone, StytchPages.maskPhone(auth.mfa().phoneNumber()),
                    null, Response.Status.OK);
        }
        return complete(authSession, auth);
    }

    private Response complete(AuthenticationSessionModel authSession, MemberAuth auth) {
        Member member = auth.member();
        Organization organization = auth.organization();
        SessionJwtVerifier.VerifiedSession verified = provider.gateway().verifySessionJwt(auth.sessionJwt(), member.memberId(),
                auth.sessionId());
        if (!verified.organizationId().equals(organization.organizationId())) {
            throw StytchFailure.of(Kind.UNEXPECTED, "Stytch session JWT is for another organization");
        }
        BrokeredIdentityContext context = new BrokeredIdentityContext(member.memberId(), config);
        context.setIdp(provider);
        context.setAuthenticationSession(authSession);
        context.setBrokerUserId(member.memberId());
        context.setBrokerSessionId(config.getAlias() + "." + verified.sessionId());
        context.setUsername(member.email());
        context.setEmail(member.email());
        String[] names = splitName(member.name());
        context.setFirstName(names[0]);
        context.setLastName(names[1]);
        context.getContextData().put(StytchIdentityProvider.CONTEXT_CLAIMS, StytchClaims.of(member, organization).toJson());
        context.getContextData().put(StytchIdentityProvider.NOTE_SESSION_ID, verified.sessionId());
        context.getContextData().put(StytchIdentityProvider.NOTE_MEMBER_ID, member.memberId());
        context.getContextData().put(StytchIdentityProvider.NOTE_ORGANIZATION_ID, organization.organizationId());
        String method = defaultString(authSession.getAuthNote(NOTE_METHOD), "unknown");
        clearNotes(authSession);
        // Keycloak's own LOGIN event comes later from another event builder: record the Stytch side explicitly.
        event.clone().event(EventType.IDENTITY_PROVIDER_LOGIN)
                .detail(Details.IDENTITY_PROVIDER, config.getAlias())
                .detail(StytchEvents.STEP, "member_authenticated")
                .detail(StytchEvents.ORGANIZATION_ID, organization.organizationId())
                .detail(StytchEvents.ORGANIZATION_SLUG, organization.slug())
                .detail(StytchEvents.MEMBER_ID, member.memberId())
                .detail(StytchEvents.METHOD, method)
                .success();
        event.detail(Details.IDENTITY_PROVIDER, config.getAlias())
                .detail(StytchEvents.ORGANIZATION_ID, organization.organizationId())
                .detail(StytchEvents.MEMBER_ID, member.memberId());
        return callback.authenticated(context);
    }

    static String[] splitName(String name) {
        if (name == null || name.isBlank()) {
            return new String[]{null, null};
        }
        String trimmed = name.trim();
        int i = trimmed.lastIndexOf(' ');
        if (i < 0) {
            return new String[]{trimmed, null};
        }
        return new String[]{trimmed.substring(0, i).trim(), trimmed.substring(i + 1)};
    }

    // ------------------------------------------------------------------ plumbing

    private interface AuthStep {
        /** {@code state}: a fresh broker state for the pages this step renders (verifying consumes the old one). */
        Response run(AuthenticationSessionModel authSession, String state);
    }

    private Response withAuthSession(String state, AuthStep step) {
        if (state == null || state.isEmpty()) {
            return pages(null, null).error("stytchInvalidRequest", Response.Status.BAD_REQUEST, false);
        }
        AuthenticationSessionModel authSession;
        try {
            authSession = callback.getAndVerifyAuthenticationSession(state);
        } catch (WebApplicationException e) {
            return e.getResponse();
        }
        session.getContext().setAuthenticationSession(authSession);
        AuthenticationSessionModel finalSession = authSession;
        String next = freshState(authSession);
        return guarded(authSession, next, null, () -> step.run(finalSession, next));
    }

    /** A new broker state bound to a new active code of the same authentication session. */
    private String freshState(AuthenticationSessionModel authSession) {
        ClientSessionCode<AuthenticationSessionModel> code = new ClientSessionCode<>(session, realm, authSession);
        code.setAction(AuthenticationSessionModel.Action.AUTHENTICATE.name());
        String relay = code.getOrGenerateCode();
        String clientData = provider.supportsLongStateParameter() ? AuthenticationProcessor.getClientData(session, authSession) : null;
        return IdentityBrokerState.decoded(relay, authSession.getClient().getId(), authSession.getClient().getClientId(),
                authSession.getTabId(), clientData).getEncoded();
    }

    /** Runs a step; failures become events and clear error pages. {@code linkUrl}: a magic link worth retrying as is. */
    private Response guarded(AuthenticationSessionModel authSession, String state, String linkUrl, Supplier<Response> body) {
        try {
            return body.get();
        } catch (WebApplicationException e) {
            return e.getResponse();
        } catch (StytchFailure e) {
            LOG.infof("Stytch login step failed (%s): %s", e.kind(), e.getMessage());
            loginError(authSession, e.kind(), null, null, e.errorType());
            if (authSession != null && e.kind() != Kind.UNAVAILABLE && e.kind() != Kind.TOO_MANY_ATTEMPTS) {
                clearNotes(authSession);
            }
            if (linkUrl != null && e.kind() == Kind.UNAVAILABLE) {
                // A magic link Stytch could not check is still unused: offer to open it again.
                return pages(null, null).errorWithRetryUrl(e.kind().messageKey(), statusFor(e.kind()), linkUrl);
            }
            return pages(authSession, state).error(e.kind().messageKey(), statusFor(e.kind()), true);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Stytch identity provider %s is misconfigured: %s", config.getAlias(), e.getMessage());
            loginError(authSession, Kind.MISCONFIGURED, null, null, null);
            return pages(authSession, state).error(Kind.MISCONFIGURED.messageKey(), Response.Status.INTERNAL_SERVER_ERROR, false);
        }
    }

    static Response.Status statusFor(Kind kind) {
        return switch (kind) {
            case LINK_INVALID, INVALID_INPUT, SESSION_EXPIRED -> Response.Status.BAD_REQUEST;
            case WRONG_PASSWORD, MFA_CODE_INVALID -> Response.Status.UNAUTHORIZED;
            case MEMBER_DEACTIVATED, MEMBER_NOT_FOUND, ORGANIZATION_NOT_ALLOWED -> Response.Status.FORBIDDEN;
            case TOO_MANY_ATTEMPTS -> Response.Status.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> Response.Status.SERVICE_UNAVAILABLE;
            case MISCONFIGURED, UNEXPECTED -> Response.Status.BAD_GATEWAY;
        };
    }

    private StytchPages pages(AuthenticationSessionModel authSession, String state) {
        return new StytchPages(session, provider, realm, authSession, authSession == null ? null : state);
    }

    private void loginError(AuthenticationSessionModel authSession, Kind kind, String orgId, String memberId, String detail) {
        EventBuilder e = event.clone().event(EventType.IDENTITY_PROVIDER_LOGIN_ERROR)
                .detail(Details.IDENTITY_PROVIDER, config.getAlias())
                .detail(StytchEvents.ORGANIZATION_ID, orgId)
                .detail(StytchEvents.MEMBER_ID, memberId)
                .detail(StytchEvents.STYTCH_ERROR, detail);
        if (authSession != null) {
            e.detail(StytchEvents.METHOD, authSession.getAuthNote(NOTE_METHOD));
        }
        e.error(kind.eventError());
    }

    private void stepEvent(String step, String orgId, String memberId) {
        event.clone().event(EventType.IDENTITY_PROVIDER_LOGIN)
                .detail(Details.IDENTITY_PROVIDER, config.getAlias())
                .detail(StytchEvents.STEP, step)
                .detail(StytchEvents.ORGANIZATION_ID, orgId)
                .detail(StytchEvents.MEMBER_ID, memberId)
                .success();
    }

    private static void clearNotes(AuthenticationSessionModel authSession) {
        for (String note : List.of(NOTE_IST, NOTE_MFA_ORG, NOTE_MFA_MEMBER, NOTE_MFA_PHONE, NOTE_MFA_TOTP, NOTE_MFA_FAILURES)) {
            authSession.removeAuthNote(note);
        }
    }

    private static Response noStore(Response response) {
        CacheControl cc = new CacheControl();
        cc.setNoStore(true);
        cc.setNoCache(true);
        return Response.fromResponse(response).cacheControl(cc).build();
    }

    private static String json(Continuation c) {
        try {
            return JsonSerialization.writeValueAsString(c);
        } catch (IOException e) {
            throw new IllegalStateException("cannot store the Stytch result", e);
        }
    }

    private static Continuation parse(String json) {
        try {
            return JsonSerialization.readValue(json, Continuation.class);
        } catch (IOException e) {
            throw StytchFailure.of(Kind.LINK_INVALID, "unreadable stored Stytch result");
        }
    }

    private static String defaultString(String s, String d) {
        return s == null ? d : s;
    }
}
