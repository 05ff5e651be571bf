package dev.panels.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jwt.SignedJWT;
import dev.panels.testsupport.AppSignIn;
import dev.panels.testsupport.HttpBrowser;

import java.util.Base64;

/**
 * A clinician signed in the way a browser signs in: app {@code /auth/login} → Keycloak → the Stytch provider → the
 * magic link from the Stytch stand-in's dev inbox → the app's callback → {@code POST /auth/refresh} for the access
 * token. The benchmark also opens the Medplum token sealed in it (with the stack's own keys, as the app does) to send
 * the very FHIR search the app sends, straight to the Medplum stand-in.
 */
record Clinician(String accessToken, String medplumToken) {

    static final ObjectMapper JSON = new ObjectMapper();

    static Clinician signIn(String appUrl, String stytchUrl, String email, String medplumTokenKeys) throws Exception {
        HttpBrowser browser = AppSignIn.throughMagicLink(appUrl, stytchUrl, email);
        return new Clinician(AppSignIn.accessToken(browser, appUrl), null).withMedplumToken(medplumTokenKeys);
    }

    /** Keycloak's session id ({@code sid}) of this sign-in, to end it through the admin API. */
    String sessionId() throws Exception {
        return claims().path("sid").asText();
    }

    /** The bench's own token, read to find what to measure; the app and the stand-in are the ones that verify it. */
    private JsonNode claims() throws Exception {
        return JSON.readTree(SignedJWT.parse(accessToken).getPayload().toString());
    }

    private Clinician withMedplumToken(String keys) throws Exception {
        JsonNode claims = claims();
        String sealed = claims.path("medplum_token").asText("");
        if (sealed.isEmpty()) {
            return this;
        }
        JWEObject jwe = JWEObject.parse(sealed);
        jwe.decrypt(new DirectDecrypter(Base64.getUrlDecoder().decode(keys.split(",")[0].trim())));
        return new Clinician(accessToken, JSON.readTree(jwe.getPayload().toString()).path("v").asText());
    }
}
