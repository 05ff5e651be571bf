package dev.panels.emulator.medplum;

import java.util.Map;

import static dev.panels.emulator.medplum.Http.form;

/** Token-endpoint calls in the shapes Medplum's clients send them. */
final class TokenRequests {

    static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS = "urn:ietf:params:oauth:token-type:access_token";
    static final String NORTHWIND = "medplum-project-northwind";
    static final String RIVERSIDE = "medplum-project-riverside";
    static final String NORTHWIND_CLIENT = "northwind-panels-client";
    static final String NORTHWIND_SECRET = "northwind-local-secret-not-for-production";
    static final String RIVERSIDE_CLIENT = "riverside-panels-client";
    static final String RIVERSIDE_SECRET = "riverside-local-secret-not-for-production";

    private TokenRequests() {
    }

    static String tokenUrl(MedplumEmulator medplum) {
        return medplum.baseUrl() + "/oauth2/token";
    }

    static Http.Answer clientCredentials(MedplumEmulator medplum, String id, String secret) {
        return Http.postForm(tokenUrl(medplum), form("grant_type", "client_credentials", "client_id", id, "client_secret", secret), null);
    }

    /** A token exchange as Medplum's {@code exchangeExternalAccessToken} sends it, plus any extra form fields. */
    static Http.Answer exchange(MedplumEmulator medplum, String clientId, String subjectToken, String... extra) {
        Map<String, String> f = form("grant_type", EXCHANGE, "subject_token_type", ACCESS, "client_id", clientId,
                "subject_token", subjectToken);
        for (int i = 0; i < extra.length; i += 2) {
            f.put(extra[i], extra[i + 1]);
        }
        return Http.postForm(tokenUrl(medplum), f, null);
    }

    static String bearer(Http.Answer tokenResponse) {
        return "Bearer " + tokenResponse.text("access_token");
    }

    static String project(Http.Answer tokenResponse) {
        return tokenResponse.json().path("project").path("reference").asText();
    }

    static String profile(Http.Answer tokenResponse) {
        return tokenResponse.json().path("profile").path("reference").asText();
    }
}
