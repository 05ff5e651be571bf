package dev.panels.emulator.medplum;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import com.sun.net.httpserver.HttpServer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.panels.emulator.medplum.Http.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rest-hook Subscriptions as Medplum's subscription worker sends them, driven with HAPI's client; a local receiver
 * checks every header and the HMAC signature itself.
 */
class SubscriptionContractTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static MedplumEmulator medplum;
    private static IGenericClient northwind;
    private static IGenericClient riverside;
    private static HttpServer receiver;
    private static final BlockingQueue<Delivery> DELIVERED = new LinkedBlockingQueue<>();
    private static final AtomicInteger ANSWER = new AtomicInteger(200);

    record Delivery(Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        medplum = MedplumEmulator.start(MedplumEmulatorConfig.builder().port(0).seed(5).patients(40).build());
        northwind = client("northwind-panels-client", "northwind-local-secret-not-for-production");
        riverside = client("riverside-panels-client", "riverside-local-secret-not-for-production");
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            DELIVERED.add(new Delivery(headers, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(ANSWER.get(), -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        medplum.close();
    }

    @AfterEach
    void removeSubscriptions() {
        Bundle all = northwind.search().byUrl("Subscription?_count=100").returnBundle(Bundle.class).execute();
        all.getEntry().forEach(e -> northwind.delete().resourceById(e.getResource().getIdElement().toUnqualifiedVersionless()).execute());
        ANSWER.set(200);
        DELIVERED.clear();
    }

    private static IGenericClient client(String id, String secret) {
        String token = Http.postForm(medplum.baseUrl() + "/oauth2/token",
                form("grant_type", "client_credentials", "client_id", id, "client_secret", secret), null).text("access_token");
        IGenericClient client = FHIR.newRestfulGenericClient(medplum.fhirBaseUrl());
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return client;
    }

    private static String endpoint() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private static Subscription subscription(String criteria) {
        Subscription subscription = new Subscription().setStatus(Subscription.SubscriptionStatus.ACTIVE).setReason("test").setCriteria(criteria);
        subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(endpoint());
        return subscription;
    }

    private static String create(Subscription subscription) {
        return northwind.create().resource(subscription).execute().getId().getIdPart();
    }

    private static Task task(IGenericClient client, String status) {
        return (Task) client.search().byUrl("Task?status=" + status + "&_count=1").returnBundle(Bundle.class).execute()
                .getEntryFirstRep().getResource();
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aMatchingChangeIsPostedWithTheChannelHeadersAndSignedWithTheSecret() throws Exception {
        Subscription wanted = subscription("Task?status=in-progress");
        wanted.getChannel().addHeader("Authorization: Bearer hook-token");
        wanted.addExtension(RestHooks.SECRET, new StringType("s3cret"));
        String id = create(wanted);
        Task task = task(northwind, "ready").setStatus(Task.TaskStatus.INPROGRESS);

        northwind.update().resource(task).execute();

        Delivery delivery = DELIVERED.poll(10, TimeUnit.SECONDS);
        assertThat(delivery).as("a rest hook").isNotNull();
        assertThat(delivery.header("Content-Type")).isEqualTo("application/fhir+json");
        assertThat(delivery.header("X-Medplum-Subscription")).isEqualTo(id);
        assertThat(delivery.header("X-Medplum-Interaction")).isEqualTo("update");
        assertThat(delivery.header("Authorization")).isEqualTo("Bearer hook-token");
        assertThat(delivery.header("X-Signature")).isEqualTo(hmac("s3cret", delivery.body()));
        Task posted = FHIR.newJsonParser().parseResource(Task.class, delivery.body());
        assertThat(posted.getIdElement().getIdPart()).isEqualTo(task.getIdElement().getIdPart());
        assertThat(posted.getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
    }

    @Test
    void aChangeOutsideTheCriteriaOrInAnotherProjectIsNotPosted() throws Exception {
        create(subscription("Task?status=in-progress"));

        northwind.update().resource(task(northwind, "ready").setStatus(Task.TaskStatus.CANCELLED)).execute();
        riverside.update().resource(task(riverside, "ready").setStatus(Task.TaskStatus.INPROGRESS)).execute();
        northwind.create().resource(new Task().setStatus(Task.TaskStatus.INPROGRESS).setIntent(Task.TaskIntent.ORDER)
                .setFor(new Reference("Patient/unknown"))).execute();

        Delivery only = DELIVERED.poll(5, TimeUnit.SECONDS);
        assertThat(only).as("the created in-progress Task").isNotNull();
        assertThat(only.header("X-Medplum-Interaction")).isEqualTo("create");
        assertThat(DELIVERED.poll(1500, TimeUnit.MILLISECONDS)).as("nothing else").isNull();
    }

    @Test
    void aDeleteIsPostedAsAnEmptyBodyNamingTheResourceWhenOnlyDeletesAreWanted() throws Exception {
        Subscription wanted = subscription("Task");
        wanted.addExtension(RestHooks.INTERACTION, new CodeType("delete"));
        create(wanted);
        String id = northwind.create().resource(new Task().setStatus(Task.TaskStatus.DRAFT).setIntent(Task.TaskIntent.ORDER))
                .execute().getId().getIdPart();

        northwind.delete().resourceById("Task", id).execute();

        Delivery delivery = DELIVERED.poll(10, TimeUnit.SECONDS);
        assertThat(delivery).isNotNull();
        assertThat(delivery.body()).isEqualTo("{}");
        assertThat(delivery.header("X-Medplum-Interaction")).isEqualTo("delete");
        assertThat(delivery.header("X-Medplum-Deleted-Resource")).isEqualTo("Task/" + id);
        assertThat(DELIVERED.poll(1500, TimeUnit.MILLISECONDS)).as("the create was not wanted").isNull();
    }

    @Test
    void aFailedDeliveryIsTriedAgainUpToTheMaximumAttempts() throws Exception {
        ANSWER.set(500);
        Subscription wanted = subscription("Task");
        wanted.addExtension(RestHooks.MAX_ATTEMPTS, new IntegerType(2));
        create(wanted);

        northwind.create().resource(new Task().setStatus(Task.TaskStatus.DRAFT).setIntent(Task.TaskIntent.ORDER)).execute();

        assertThat(DELIVERED.poll(5, TimeUnit.SECONDS)).as("first attempt").isNotNull();
        assertThat(DELIVERED.poll(5, TimeUnit.SECONDS)).as("second attempt, after 1 s").isNotNull();
        assertThat(DELIVERED.poll(3, TimeUnit.SECONDS)).as("no third").isNull();
    }

    @Test
    void subscriptionsThisStandInCannotDeliverAsMedplumAreRefused() {
        Subscription websocket = subscription("Task");
        websocket.getChannel().setType(Subscription.SubscriptionChannelType.WEBSOCKET);
        Subscription noCriteria = subscription("Task").setCriteria(null);
        Subscription badCriteria = subscription("Task?nope=1");
        Subscription bot = subscription("Task");
        bot.getChannel().setEndpoint("Bot/123");

        for (Subscription refused : new Subscription[]{websocket, noCriteria, badCriteria, bot}) {
            assertThatThrownBy(() -> create(refused)).isInstanceOf(UnprocessableEntityException.class);
        }
        assertThat(northwind.search().byUrl("Subscription?status=active").returnBundle(Bundle.class).execute().getEntry()).isEmpty();
    }
}
