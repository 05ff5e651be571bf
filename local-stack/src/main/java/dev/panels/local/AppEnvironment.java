package dev.panels.local;

import java.util.Map;

/** The environment the app server gets: where Keycloak, Medplum and the browser-facing URLs are. */
final class AppEnvironment {

    private AppEnvironment() {
    }

    static Map<String, String> of(StackSettings settings, String clientSecret) {
        return Map.of(
                "PANELS_HOST", "127.0.0.1",
                "PANELS_HTTP_PORT", Integer.toString(settings.appPort()),
                "PANELS_HTTPS_PORT", Integer.toString(settings.appPort() + 363),
                "MP_JWT_VERIFY_ISSUER", settings.issuer(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", settings.issuer() + "/protocol/openid-connect/certs",
                "PANELS_MEDPLUM_FHIR_URL", settings.medplumUrl() + "/fhir/R4",
                "PANELS_OIDC_CLIENT_SECRET", clientSecret,
                "PANELS_APP_URL", settings.appUrl());
    }
}
