package dev.panels.keycloak.medplum.mapper;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/** The admin console form of {@link MedplumProtocolMapper} (keys in {@link MedplumSettings}). */
final class MapperConfig {

    private MapperConfig() {
    }

    static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(MedplumSettings.BASE_URL).label("Medplum base URL")
                .helpText("Medplum server base URL, e.g. https://api.medplum.com (no /fhir/R4).")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(MedplumSettings.MODE).label("Mode")
                .helpText("token-exchange: a Medplum token per user session (RFC 8693). client-credentials: the organization's ClientApplication token.")
                .type(ProviderConfigProperty.LIST_TYPE).options("token-exchange", "client-credentials")
                .defaultValue("token-exchange").add()
                .property().name(MedplumSettings.ORGANIZATIONS).label("Organizations (JSON)")
                .helpText("Each Stytch organization's Medplum project and the ClientApplication of that project Keycloak uses for it: "
                        + "{\"<Stytch organization id>\": {\"project\": \"…\", \"clientId\": \"…\", \"clientSecret\": \"${vault.…}\"}}. "
                        + "clientSecret only in client-credentials mode. Organizations not listed get no Medplum access.")
                .type(ProviderConfigProperty.TEXT_TYPE).add()
                .property().name(MedplumSettings.TOKEN_KEYS).label("Token sealing keys")
                .helpText("Comma-separated 256-bit base64url keys shared with panels-app (PANELS_MEDPLUM_TOKEN_KEYS): the first seals "
                        + "the Medplum token in the access token and in session notes, all open it. Use a vault reference (${vault.key}).")
                .type(ProviderConfigProperty.PASSWORD).secret(true).add()
                .property().name(MedplumSettings.ORGANIZATION_NOTE).label("Organization session note")
                .helpText("User-session note holding the Stytch organization id of the sign-in (written by the Stytch identity provider).")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(MedplumSettings.DEFAULT_ORGANIZATION_NOTE).add()
                .property().name(MedplumSettings.MEMBER_NOTE).label("Member session note")
                .helpText("User-session note holding the Stytch member id (client-credentials mode: the Practitioner identifier).")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(MedplumSettings.DEFAULT_MEMBER_NOTE).add()
                .property().name(MedplumSettings.SUBJECT_AUDIENCE).label("Subject token audience")
                .helpText("The only audience of the token Keycloak sends Medplum to exchange (configure the same value as the "
                        + "audience of Medplum's identity provider where your Medplum supports it).")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(MedplumSettings.DEFAULT_SUBJECT_AUDIENCE).add()
                .property().name(MedplumSettings.PRACTITIONER_SYSTEM).label("Practitioner identifier system")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(MedplumSettings.DEFAULT_PRACTITIONER_SYSTEM).add()
                .property().name(MedplumSettings.RENEW_BEFORE_SECONDS).label("Renew before expiry (s)")
                .helpText("Renew the Medplum token this long before it expires; at least the access token lifespan.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("300").add()
                .property().name(MedplumSettings.TIMEOUT_MS).label("Medplum timeout (ms)")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("5000").add()
                .property().name(MedplumSettings.SUBJECT_TOKEN_LIFESPAN_SECONDS).label("Subject token lifespan (s)")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("60").add()
                .property().name(MedplumSettings.BREAKER_FAILURES).label("Pause after failures in a row")
                .helpText("After this many Medplum failures in a row (no answer, 5xx, 429) token requests stop calling Medplum for a while; 0 never pauses.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("3").add()
                .property().name(MedplumSettings.BREAKER_OPEN_SECONDS).label("Pause length (s)")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("30").add()
                .build();
    }
}
