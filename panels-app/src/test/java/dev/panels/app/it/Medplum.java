package dev.panels.app.it;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import dev.panels.emulator.common.FaultInjection;
import dev.panels.emulator.medplum.MedplumEmulator;
import dev.panels.emulator.medplum.MedplumEmulatorConfig;
import jakarta.json.Json;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The Medplum emulator the deployed app reads from, started once in the test JVM, plus what tests need
 * around it: a real Medplum access token (client credentials of the Northwind project, as Keycloak's
 * mapper would put into {@code medplum_token}), a HAPI client to check results independently, and the
 * fault switches.
 */
public final class Medplum {

    public static final String PROJECT = "medplum-project-northwind";
    private static final String CLIENT_ID = "northwind-panels-client";
    private static final String CLIENT_SECRET = "northwind-local-secret-not-for-production";
    static final FhirContext FHIR = FhirContext.forR4();

    private static volatile MedplumEmulator emulator;
    private static volatile String token;

    private Medplum() {
    }

    static MedplumEmulator start(int port) {
        emulator = MedplumEmulator.start(MedplumEmulatorConfig.builder().host("127.0.0.1").port(port).seed(42).patients(200).build());
        return emulator;
    }

    public static FaultInjection faults() {
        return emulator.faults();
    }

    /** A Medplum access token of the Northwind project, minted once per test JVM. */
    public static synchronized String token() {
        if (token == null) {
            String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + basic)
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
            try {
                HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("Medplum emulator refused client credentials: " + response.body());
                }
                try (var reader = Json.createReader(new StringReader(response.body()))) {
                    token = reader.readObject().getString("access_token");
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return token;
    }

    /** A HAPI client with the same token the app forwards, to check what the app computed. */
    public static IGenericClient client() {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = FHIR.newRestfulGenericClient(emulator.fhirBaseUrl());
        client.registerInterceptor(new BearerTokenAuthInterceptor(token()));
        return client;
    }
}
