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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Medplum emulator the deployed app reads from, started once in the test JVM, plus what tests need
 * around it: the two clinical tenants as the app is configured with them ({@code PANELS_MEDPLUM_PROJECTS}: each
 * Stytch organization of the emulators' seed mapped to its own Medplum project), a real Medplum access token per
 * project (client credentials of that project's ClientApplication), a HAPI client to check results independently,
 * and the fault switches.
 */
public final class Medplum {

    /** A Stytch organization and the Medplum project (and its ClientApplication) that holds its clinical data. */
    public enum Tenant {
        NORTHWIND("organization-test-11111111-1111-4111-8111-111111111111", "medplum-project-northwind",
                "northwind-panels-client", "northwind-local-secret-not-for-production"),
        RIVERSIDE("organization-test-22222222-2222-4222-8222-222222222222", "medplum-project-riverside",
                "riverside-panels-client", "riverside-local-secret-not-for-production");

        public final String organization;
        public final String project;
        private final String clientId;
        private final String clientSecret;

        Tenant(String organization, String project, String clientId, String clientSecret) {
            this.organization = organization;
            this.project = project;
            this.clientId = clientId;
            this.clientSecret = clientSecret;
        }

        /** A Medplum access token of this project, minted once per test JVM. */
        public String token() {
            return TOKENS.computeIfAbsent(this, Medplum::clientCredentials);
        }

        /** A HAPI client with this project's token, to check what the app computed. */
        public IGenericClient client() {
            FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
            IGenericClient client = FHIR.newRestfulGenericClient(emulator.fhirBaseUrl());
            client.registerInterceptor(new BearerTokenAuthInterceptor(token()));
            return client;
        }

        public static java.util.Optional<Tenant> of(String organization) {
            return java.util.Arrays.stream(values()).filter(t -> t.organization.equals(organization)).findFirst();
        }
    }

    static final FhirContext FHIR = FhirContext.forR4();
    private static final Map<Tenant, String> TOKENS = new ConcurrentHashMap<>();

    private static volatile MedplumEmulator emulator;

    private Medplum() {
    }

    static MedplumEmulator start(int port) {
        emulator = MedplumEmulator.start(MedplumEmulatorConfig.builder().host("127.0.0.1").port(port).seed(42).patients(200).build());
        return emulator;
    }

    public static FaultInjection faults() {
        return emulator.faults();
    }

    private static String clientCredentials(Tenant tenant) {
        String basic = Base64.getEncoder().encodeToString((tenant.clientId + ":" + tenant.clientSecret).getBytes(StandardCharsets.UTF_8));
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
                return reader.readObject().getString("access_token");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
