package dev.panels.emulator.stytch;

/** Ids and credentials from {@code seed/sample-seed.json}. */
final class Seeded {
    static final String PROJECT_ID = "project-test-00000000-0000-0000-0000-000000000000";
    static final String SECRET = "secret-test-local-emulator-not-for-production";
    static final String PUBLIC_TOKEN = "public-token-test-00000000-0000-0000-0000-000000000000";
    static final String NORTHWIND = "organization-test-11111111-1111-4111-8111-111111111111";
    static final String RIVERSIDE = "organization-test-22222222-2222-4222-8222-222222222222";
    static final String ADA = "member-test-11111111-aaaa-4aaa-8aaa-000000000001";
    static final String BEN = "member-test-11111111-aaaa-4aaa-8aaa-000000000002";
    static final String CASEY_NORTHWIND = "member-test-11111111-aaaa-4aaa-8aaa-000000000003";
    static final String RITA = "member-test-22222222-bbbb-4bbb-8bbb-000000000001";
    static final String SAM = "member-test-22222222-bbbb-4bbb-8bbb-000000000002";
    static final String CASEY_RIVERSIDE = "member-test-22222222-bbbb-4bbb-8bbb-000000000003";
    static final String SSO_CONNECTION = "saml-connection-test-22222222-0000-4000-8000-000000000001";
    static final String ADA_EMAIL = "ada.admin@northwind.example";
    static final String BEN_EMAIL = "ben.member@northwind.example";
    static final String RITA_EMAIL = "rita.admin@riverside.example";
    static final String SAM_EMAIL = "sam.builder@riverside.example";
    static final String CASEY_EMAIL = "casey.both@shared.example";
    static final String ADA_TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    static final String ADA_PASSWORD = "ada-Northwind-1";
    static final String RITA_PASSWORD = "rita-Riverside-1";
    /** The sample seed's default redirect URL of every type (Keycloak of ./run-local). */
    static final String KEYCLOAK_ENDPOINT = "http://localhost:8180/realms/panels/broker/stytch-b2b/endpoint";
    /** Not in the seed: {@link EmulatorTestBase} registers it for discovery, login and signup. */
    static final String REDIRECT = "http://localhost:18199/callback?keep=1";

    private Seeded() {
    }
}
