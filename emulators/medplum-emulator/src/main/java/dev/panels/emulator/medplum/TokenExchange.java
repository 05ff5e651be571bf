package dev.panels.emulator.medplum;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 8693 token exchange as Medplum does it: {@code exchangeExternalAuthToken} in
 * {@code packages/server/src/oauth/token.ts}, then {@code tryLogin}, {@code getUserByExternalId},
 * {@code getUserByEmail} and {@code getMembershipsForLogin} in {@code packages/server/src/oauth/utils.ts}.
 *
 * <p>The request is authenticated by the subject token alone: no client secret, Basic header or assertion is
 * looked at, and the {@code project} parameter is never read. The project is the ClientApplication's own, so a
 * subject token can only ever sign in to the project of the client named in the request, and only as a user the
 * client's identity provider vouches for.
 */
final class TokenExchange {

    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    static final String DEFAULT_SCOPE = "openid offline_access";

    private final Directory directory;
    private final TokenService tokens;
    private final ExternalTokenVerifier verifier;
    private volatile String lastSubjectToken;

    TokenExchange(Directory directory, TokenService tokens, ExternalTokenVerifier verifier) {
        this.directory = directory;
        this.tokens = tokens;
        this.verifier = verifier;
    }

    /** The most recent non-blank {@code subject_token} an exchange request carried, or null. */
    String lastSubjectToken() {
        return lastSubjectToken;
    }

    TokenService.Issued exchange(Map<String, String> form) throws TokenRefused {
        String clientId = form.get("client_id");
        String subjectToken = form.get("subject_token");
        if (!blank(subjectToken)) {
            lastSubjectToken = subjectToken;
        }
        if (blank(clientId)) {
            throw TokenRefused.invalidRequest("Invalid client");
        }
        if (blank(subjectToken)) {
            throw TokenRefused.invalidRequest("Invalid subject_token");
        }
        if (!ACCESS_TOKEN_TYPE.equals(form.get("subject_token_type"))) {
            throw TokenRefused.invalidRequest("Invalid subject_token_type");
        }
        Directory.ClientApp client = directory.client(clientId)
                .filter(c -> c.identityProvider() != null)
                .orElseThrow(() -> TokenRefused.invalidRequest("Invalid client"));
        Directory.IdentityProvider idp = client.identityProvider();
        Map<String, Object> claims = verifier.verify(idp, subjectToken);

        // email_verified is never consulted: the identity provider is trusted for whatever claim identifies the user.
        String key = claims.get(idp.useSubject() ? "sub" : "email") instanceof String s && !s.isEmpty() ? s : null;
        if (key == null) {
            throw TokenRefused.outcome("Missing email or externalId");
        }
        String project = client.projectId();
        Directory.User user = (idp.useSubject() ? directory.userByExternalId(project, key) : directory.userByEmail(project, key))
                .orElseThrow(() -> TokenRefused.outcome("User not found"));
        String membershipId = form.get("membership_id");
        // forceUseFirstMembership: the first active membership found, in no defined order.
        Optional<Directory.Membership> membership = directory.memberships(user, project).stream()
                .filter(Directory.Membership::active)
                .filter(m -> blank(membershipId) || m.id.equals(membershipId))
                .findFirst();
        if (membership.isEmpty()) {
            throw TokenRefused.outcome("User not found");
        }
        String scope = blank(form.get("scope")) ? DEFAULT_SCOPE : form.get("scope");
        boolean offline = Arrays.stream(scope.split(" ")).anyMatch(s -> s.equals("offline") || s.equals("offline_access"));
        return tokens.issue(new TokenService.Login(client.id(), user.id(), user.email(), membership.get(), scope, offline));
    }

    private static boolean blank(String value) {
        return value == null || value.isEmpty();
    }
}
