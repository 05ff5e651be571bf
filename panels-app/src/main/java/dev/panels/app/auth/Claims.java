package dev.panels.app.auth;

/** Names of the access-token claims the app relies on (the claims contract, one place). */
public final class Claims {
    public static final String ISSUER = "iss";
    public static final String AUDIENCE = "aud";
    public static final String SUBJECT = "sub";
    public static final String SESSION_ID = "sid";
    public static final String UPN = "upn";
    public static final String GROUPS = "groups";
    /** Display only (OIDC profile and email scopes): who the person is to a reader, never a key. */
    public static final String NAME = "name";
    public static final String EMAIL = "email";
    public static final String EXPIRES = "exp";
    /** Keycloak's token kind: {@code Bearer} (access token), {@code ID}, {@code Refresh}, {@code Logout}. */
    public static final String TOKEN_TYPE = "typ";
    /** Keycloak Organizations claim (informational). */
    public static final String ORGANIZATION = "organization";
    /** The Stytch organization id: the tenant key every query is scoped to. */
    public static final String STYTCH_ORG_ID = "stytch_org_id";
    public static final String FHIR_USER = "fhirUser";
    public static final String MEDPLUM_PROJECT = "medplum_project";
    /**
     * A Medplum access token for this user, sealed by Keycloak for this app (compact JWE, purpose
     * {@link #SEALED_MEDPLUM_TOKEN}, see CookieCrypto): the browser holding the access token cannot use it.
     */
    public static final String MEDPLUM_TOKEN = "medplum_token";
    public static final String SEALED_MEDPLUM_TOKEN = "medplum-token";
    /** The audience this app requires. */
    public static final String APP_AUDIENCE = "panels-app";

    private Claims() {
    }
}
