package dev.panels.keycloak.stytch.broker;

/** Event detail names. Values are ids and step names only, never tokens, codes or passwords. */
public final class StytchEvents {

    public static final String ORGANIZATION_ID = "stytch_organization_id";
    public static final String ORGANIZATION_SLUG = "stytch_organization_slug";
    public static final String MEMBER_ID = "stytch_member_id";
    public static final String STEP = "stytch_step";
    public static final String METHOD = "stytch_method";
    public static final String STYTCH_ERROR = "stytch_error_type";

    private StytchEvents() {
    }
}
