package dev.panels.keycloak.stytch.broker;

import dev.panels.keycloak.stytch.client.SessionJwtVerifier;
import dev.panels.keycloak.stytch.client.StytchFailure;
import dev.panels.keycloak.stytch.mappers.StytchClaims;

import dev.panels.keycloak.stytch.client.StytchFailure.Kind;
import dev.panels.keycloak.stytch.client.StytchModels.Member;
import dev.panels.keycloak.stytch.client.StytchModels.MemberAuth;
import dev.panels.keycloak.stytch.client.StytchModels.Organization;
import jakarta.ws.rs.core.Response;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The last step: Stytch says a member of one organization authenticated. Checks the organization is one this realm
 * accepts and the member is active, hands over to {@link MfaStep} when Stytch still wants a second factor, and
 * otherwise verifies the member session JWT and turns the member into Keycloak's brokered identity: id = Stytch
 * member id (one Keycloak user per membership, see {@link StytchMemberUserAuthenticator}), broker session id =
 * alias + Stytch session id, and the member's organization as notes of the Keycloak user session.
 */
final class CompletionStep {

    private final SignInFlow flow;

    CompletionStep(SignInFlow flow) {
        this.flow = flow;
    }

    Response memberAuthenticated(AuthenticationSessionModel authSession, String state, MemberAuth auth) {
        String orgId = auth.organization() == null ? null : auth.organization().organizationId();
        String memberId = auth.member() == null ? null : auth.member().memberId();
        if (!flow.policy().accepts(auth.organization())) {
            return flow.refuse(authSession, state, Kind.ORGANIZATION_NOT_ALLOWED, Kind.ORGANIZATION_NOT_ALLOWED.messageKey(),
                    orgId, memberId, null);
        }
        if (auth.member() == null || !auth.member().statusActive()) {
            return flow.refuse(authSession, state, Kind.MEMBER_DEACTIVATED, Kind.MEMBER_DEACTIVATED.messageKey(),
                    orgId, memberId, null);
        }
        if (!auth.memberAuthenticated()) {
            return new MfaStep(flow).required(authSession, state, auth);
        }
        return complete(authSession, auth);
    }

    private Response complete(AuthenticationSessionModel authSession, MemberAuth auth) {
        Member member = auth.member();
        Organization organization = auth.organization();
        SessionJwtVerifier.VerifiedSession verified = flow.gateway().verifySessionJwt(auth.sessionJwt(), member.memberId(),
                auth.sessionId());
        if (!verified.organizationId().equals(organization.organizationId())) {
            throw StytchFailure.of(Kind.UNEXPECTED, "Stytch session JWT is for another organization");
        }
        StytchIdentityProviderConfig config = flow.config;
        BrokeredIdentityContext context = new BrokeredIdentityContext(member.memberId(), config);
        context.setIdp(flow.provider);
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
        String method = authSession.getAuthNote(SignInFlow.NOTE_METHOD);
        SignInFlow.clearNotes(authSession);
        // Keycloak's own LOGIN event comes later from another event builder: record the Stytch side explicitly.
        flow.event.clone().event(EventType.IDENTITY_PROVIDER_LOGIN)
                .detail(Details.IDENTITY_PROVIDER, config.getAlias())
                .detail(StytchEvents.STEP, "member_authenticated")
                .detail(StytchEvents.ORGANIZATION_ID, organization.organizationId())
                .detail(StytchEvents.ORGANIZATION_SLUG, organization.slug())
                .detail(StytchEvents.MEMBER_ID, member.memberId())
                .detail(StytchEvents.METHOD, method == null ? "unknown" : method)
                .success();
        flow.event.detail(Details.IDENTITY_PROVIDER, config.getAlias())
                .detail(StytchEvents.ORGANIZATION_ID, organization.organizationId())
                .detail(StytchEvents.MEMBER_ID, member.memberId());
        return flow.callback.authenticated(context);
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
}
