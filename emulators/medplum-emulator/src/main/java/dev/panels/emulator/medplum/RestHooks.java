package dev.panels.emulator.medplum;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Medplum's rest-hook Subscriptions ({@code packages/server/src/workers/subscription.ts}: {@code addSubscriptionJobs},
 * {@code sendRestHook}, {@code buildRestHookHeaders}). After a create, update or delete, every active rest-hook
 * Subscription of the same project whose criteria match the resource gets a {@code POST} of the resource as FHIR JSON
 * ({@code {}} for a delete) with {@code X-Medplum-Subscription}, {@code X-Medplum-Interaction},
 * {@code X-Medplum-Deleted-Resource} (deletes), the channel's own {@code header} lines and, when the
 * {@code subscription-secret} extension is set, {@code X-Signature}: the hex HMAC-SHA256 of the body with that secret.
 * A non-2xx answer or a failed call is tried again with exponential backoff from 1 s, up to
 * {@code subscription-max-attempts} attempts (default 4). AuditEvents never trigger. As in Medplum, the endpoint is
 * called with a plain fetch (no {@code safeFetch}). Not mirrored, and refused when a Subscription asks for it (so
 * nothing is silently ignored): channels other than rest-hook (websocket, email), Bot endpoints and FHIRPath criteria.
 */
final class RestHooks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RestHooks.class);
    static final String SECRET = "https://www.medplum.com/fhir/StructureDefinition/subscription-secret";
    static final String SECRET_OLD = "https://www.medplum.com/fhir/StructureDefinition-subscriptionSecret";
    static final String MAX_ATTEMPTS = "https://medplum.com/fhir/StructureDefinition/subscription-max-attempts";
    static final String INTERACTION = "https://medplum.com/fhir/StructureDefinition/subscription-supported-interaction";
    static final String FHIRPATH_CRITERIA = "https://medplum.com/fhir/StructureDefinition/fhir-path-criteria-expression";
    static final int DEFAULT_ATTEMPTS = 4;

    private final FhirStore store;
    private final FhirContext fhir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    private final ScheduledExecutorService sender = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "medplum-emulator-rest-hooks");
        t.setDaemon(true);
        return t;
    });

    RestHooks(FhirStore store, FhirContext fhir) {
        this.store = store;
        this.fhir = fhir;
    }

    /** Refuses, when it is written, a Subscription this stand-in would not deliver as Medplum does. */
    static void check(Subscription subscription) {
        if (subscription.getChannel().getType() != Subscription.SubscriptionChannelType.RESTHOOK) {
            throw new UnprocessableEntityException("This Medplum stand-in delivers rest-hook Subscriptions only");
        }
        String endpoint = subscription.getChannel().getEndpoint();
        if (endpoint == null || !(endpoint.startsWith("http://") || endpoint.startsWith("https://"))) {
            throw new UnprocessableEntityException("Subscription.channel.endpoint must be an http(s) URL (Bot endpoints are not mirrored)");
        }
        if (subscription.getCriteria() == null || subscription.getCriteria().isBlank()) {
            throw new UnprocessableEntityException("Subscription.criteria is required");
        }
        criteria(subscription.getCriteria());
        if (subscription.hasExtension(FHIRPATH_CRITERIA)) {
            throw new UnprocessableEntityException("FHIRPath criteria are not mirrored by this stand-in");
        }
        for (var header : subscription.getChannel().getHeader()) {
            if (!header.getValue().contains(":")) {
                throw new UnprocessableEntityException("Subscription.channel.header must be 'Name: value'");
            }
        }
    }

    /** Called after every stored change, outside the store's lock. */
    void changed(String project, Resource resource, String interaction) {
        if (resource.fhirType().equals("AuditEvent")) {
            return;
        }
        for (Resource r : store.all(project, "Subscription")) {
            Subscription subscription = (Subscription) r;
            if (subscription.getStatus() == Subscription.SubscriptionStatus.ACTIVE && matches(subscription, resource, interaction)) {
                String body = interaction.equals("delete") ? "{}" : fhir.newJsonParser().encodeResourceToString(resource);
                Map<String, String> headers = headers(subscription, resource, interaction, body);
                int attempts = subscription.getExtensionByUrl(MAX_ATTEMPTS) != null
                        ? Math.max(1, Math.min(19, ((org.hl7.fhir.r4.model.IntegerType) subscription.getExtensionByUrl(MAX_ATTEMPTS).getValue()).getValue()))
                        : DEFAULT_ATTEMPTS;
                sender.execute(() -> send(subscription.getChannel().getEndpoint(), headers, body, 1, attempts));
            }
        }
    }

    private static boolean matches(Subscription subscription, Resource resource, String interaction) {
        List<Extension> interactions = subscription.getExtensionsByUrl(INTERACTION);
        if (!interactions.isEmpty() && interactions.stream().noneMatch(e -> interaction.equals(e.getValue().primitiveValue()))) {
            return false;
        }
        SearchQuery query = criteria(subscription.getCriteria());
        return query.type.equals(resource.fhirType()) && query.matches(resource);
    }

    /** {@code Type} or {@code Type?param=value&...}, parsed as a search of that type (a bad criterion is a 422). */
    private static SearchQuery criteria(String criteria) {
        String[] parts = criteria.split("\\?", 2);
        if (!MedplumFhirServer.RESOURCE_TYPES.contains(parts[0])) {
            throw new UnprocessableEntityException("Subscription.criteria names no resource type of this server: " + parts[0]);
        }
        Map<String, List<String>> params = new HashMap<>();
        if (parts.length == 2) {
            for (String pair : parts[1].split("&")) {
                String[] kv = pair.split("=", 2);
                params.computeIfAbsent(decode(kv[0]), k -> new java.util.ArrayList<>()).add(kv.length == 2 ? decode(kv[1]) : "");
            }
        }
        Map<String, String[]> arrays = new HashMap<>();
        params.forEach((k, v) -> arrays.put(k, v.toArray(String[]::new)));
        try {
            return SearchQuery.parse(parts[0], arrays);
        } catch (ca.uhn.fhir.rest.server.exceptions.InvalidRequestException e) {
            throw new UnprocessableEntityException("Subscription.criteria: " + e.getMessage());
        }
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    static Map<String, String> headers(Subscription subscription, Resource resource, String interaction, String body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/fhir+json");
        headers.put("X-Medplum-Subscription", subscription.getIdElement().getIdPart());
        headers.put("X-Medplum-Interaction", interaction);
        if (interaction.equals("delete")) {
            headers.put("X-Medplum-Deleted-Resource", resource.fhirType() + "/" + resource.getIdElement().getIdPart());
        }
        for (var header : subscription.getChannel().getHeader()) {
            String[] kv = header.getValue().split(":", 2);
            headers.put(kv[0].trim(), kv[1].trim());
        }
        Extension secret = subscription.getExtensionByUrl(SECRET) != null ? subscription.getExtensionByUrl(SECRET) : subscription.getExtensionByUrl(SECRET_OLD);
        if (secret != null && secret.getValue() instanceof StringType s && s.getValue() != null) {
            headers.put("X-Signature", hmac(s.getValue(), body));
        }
        return headers;
    }

    static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(String endpoint, Map<String, String> headers, String body, int attempt, int attempts) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        String outcome;
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                return;
            }
            outcome = "status " + status;
        } catch (java.io.IOException e) {
            outcome = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        LOG.info("rest hook to {} attempt {} of {} failed: {}", endpoint, attempt, attempts, outcome);
        if (attempt < attempts && !sender.isShutdown()) {
            sender.schedule(() -> send(endpoint, headers, body, attempt + 1, attempts), 1000L << (attempt - 1), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
