package dev.panels.app.auth;

/** Names of the access-token claims the app relies on (the claims contract, one place). */
public final class Claims {
    public static final String ISSUER = "iss";
    public static final String AUDIENCE = "aud";
    public static final String SUBJECT = "sub";
    public static final String SESSION_ID = "sid";
    public static final String UPN = "upn";
    public static final String GROUPS = "groups";
    public static final String EXPIRES = "exp";
    /** Keycloak Organizations claim (informational). */
    public static final String ORGANIZATION = "organization";
    /** The Stytch organization id: the tenant key every query is scoped to. */
    public static final String STYTCH_ORG_ID = "stytch_org_id";
    public static final String FHIR_USER = "fhirUser";
    public static final String MEDPLUM_PROJECT = "medplum_project";
    /** A Medplum access token for this user; used only server-side, never echoed. */
    public static final String MEDPLUM_TOKEN = "medplum_token";
    /** The audience this app requires. */
    public static final String APP_AUDIENCE = "panels-app";

    private Claims() {
    }
}
