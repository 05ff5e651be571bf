package dev.panels.keycloak.medplum.client;

import java.time.Instant;

/**
 * A Medplum token response: the access token, its refresh token (absent for client credentials), when the access
 * token expires, the project id and the profile reference ({@code Practitioner/…} or {@code ClientApplication/…}).
 */
public record MedplumToken(String accessToken, String refreshToken, Instant expiresAt, String projectId, String profile) {

    /** Hides the tokens: records print their fields, and these must never reach a log. */
    @Override
    public String toString() {
        return "MedplumToken[project=" + projectId + ", profile=" + profile + ", expiresAt=" + expiresAt + "]";
    }
}
