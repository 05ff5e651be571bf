package dev.panels.app.it;

import dev.panels.identity.LiveHooks;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live worklists end to end: each organization's Medplum project holds the rest-hook Subscriptions the set-up writes
 * ({@link LiveHooks}), the Medplum stand-in posts signed changes to the deployed app, and open streams of that
 * organization, and no other, hear of them. Plus the attacker's side: forged, misdirected and replayed hooks, and
 * streams without a valid token or past their token's life.
 */
class LiveUpdatesIT extends DeployedApp {

    private static final Medplum.Tenant NORTHWIND = Medplum.Tenant.NORTHWIND;
    private static final Medplum.Tenant RIVERSIDE = Medplum.Tenant.RIVERSIDE;
    private static final byte[] KEY = LiveHooks.key(System.getenv("PANELS_LIVE_HOOK_KEY"));
    /** A bound on waiting for an event, not a latency assertion (the benchmark measures latency). */
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<IIdType> SUBSCRIPTIONS = new ArrayList<>();

    /** As the bootstrap does for a real project: one Subscription per live type, to this deployment, per organization. */
    @BeforeEach
    void subscribeOnce() {
        if (SUBSCRIPTIONS.isEmpty()) {
            for (Medplum.Tenant tenant : Medplum.Tenant.values()) {
                String endpoint = LiveHooks.endpoint(base.toString(), tenant.organization);
                for (String type : LiveHooks.RESOURCE_TYPES) {
                    Subscription subscription = Medplum.FHIR.newJsonParser().parseResource(Subscription.class,
                            LiveHooks.subscription(type, endpoint, LiveHooks.secret(KEY, tenant.organization)));
                    SUBSCRIPTIONS.add(tenant.client().create().resource(subscription).execute().getId());
                }
            }
        }
    }

    @AfterAll
    static void unsubscribe() {
        for (IIdType id : SUBSCRIPTIONS) {
            Medplum.Tenant tenant = SUBSCRIPTIONS.indexOf(id) < LiveHooks.RESOURCE_TYPES.size() ? NORTHWIND : RIVERSIDE;
            tenant.client().delete().resourceById(id.toUnqualifiedVersionless()).execute();
        }
        SUBSCRIPTIONS.clear();
    }

    @Test
    void aTaskChangedInMedplumReachesItsOrganizationsStreamsAndNoOtherWithoutItsContent() throws Exception {
        try (LiveStreamClient north = open(viewer(NORTHWIND), null); LiveStreamClient river = open(viewer(RIVERSIDE), null)) {
            assertThat(north.status()).isEqualTo(200);
            assertThat(north.header("Content-Type")).startsWith("text/event-stream");
            north.next(named("ready"), WAIT);
            river.next(named("ready"), WAIT);

            String task = newTask(NORTHWIND, "Call back about potassium 6.1");
            LiveStreamClient.Event change = north.next(changeOf(task), WAIT);

            JsonObject data = json(change.data());
            assertThat(data).containsOnlyKeys("resourceType", "id", "interaction");
            assertThat(data.getString("resourceType")).isEqualTo("Task");
            assertThat(data.getString("interaction")).isEqualTo("create");
            assertThat(change.data()).doesNotContain("potassium");
            // Riverside's stream: the first change it hears of is its own, later than Northwind's
            String own = newTask(RIVERSIDE, "Riverside follow-up");
            assertThat(river.next(named("change"), WAIT).data()).contains(own);
        }
    }

    @Test
    void aPanelChangeTellsItsOrganizationsStreamsWhichPanelChangedButAPrivateViewTellsNoOne() throws Exception {
        String editor = TestIssuer.token().in(NORTHWIND).groups("panels-editor").serialize();
        String panel = api().post("api/panels", editor, PanelApiIT.PANEL).json().getString("id");
        java.util.function.Predicate<LiveStreamClient.Event> aboutThePanel = e -> e.name().equals("change") && e.data().contains(panel);
        try (LiveStreamClient north = open(viewer(NORTHWIND), null); LiveStreamClient river = open(viewer(RIVERSIDE), null)) {
            north.next(named("ready"), WAIT);
            river.next(named("ready"), WAIT);

            Api.Reply column = api().post("api/panels/" + panel + "/columns", editor, """
                    {"key": "given", "label": "Given name", "type": "text", "rowType": "patient", "expression": "Patient.name.first().given.first()"}""");
            assertThat(column.status()).as(column.toString()).isEqualTo(201);
            JsonObject changed = json(north.next(aboutThePanel, WAIT).data());
            assertThat(changed).as("names the panel, never what changed").containsOnlyKeys("resourceType", "id", "interaction");
            assertThat(changed.getString("resourceType")).isEqualTo("Panel");
            assertThat(changed.getString("interaction")).isEqualTo("update");

            assertThat(api().post("api/panels/" + panel + "/views", editor, """
                    {"name": "Mine only", "rowType": "patient", "visibility": "private", "definition": {"columns": ["given"]}}""").status())
                    .isEqualTo(201);
            // the marker's hook is stored after the private view's change would have been: whatever comes first was sent first
            String marker = newTask(NORTHWIND, "after the private view");
            assertThat(north.next(aboutThePanel.or(changeOf(marker)), WAIT).data()).as("a private view's change").contains(marker);

            String etag = api().get("api/panels/" + panel, editor).header("ETag");
            assertThat(api().delete("api/panels/" + panel, editor, etag).status()).isEqualTo(204);
            assertThat(json(north.next(aboutThePanel, WAIT).data()).getString("interaction")).isEqualTo("delete");

            String own = newTask(RIVERSIDE, "Riverside's own change");
            assertThat(river.next(aboutThePanel.or(changeOf(own)), WAIT).data()).as("another organization's panel").contains(own);
        }
    }

    @Test
    void aStreamReopenedWithLastEventIdGetsWhatItMissedInOrderAndAResetWhenThatIsUnknown() throws Exception {
        TestIssuer.Token viewer = viewer(NORTHWIND);
        String resumeFrom;
        try (LiveStreamClient first = open(viewer, null)) {
            resumeFrom = first.next(named("ready"), WAIT).id();
        }
        String a;
        String b;
        try (LiveStreamClient watcher = open(viewer(NORTHWIND), null)) {
            watcher.next(named("ready"), WAIT);
            a = newTask(NORTHWIND, "missed while offline 1");
            b = newTask(NORTHWIND, "missed while offline 2");
            watcher.next(changeOf(b), WAIT);
        }

        try (LiveStreamClient resumed = open(viewer, resumeFrom)) {
            LiveStreamClient.Event first = resumed.next(e -> e.name().equals("change") && (e.data().contains(a) || e.data().contains(b)), WAIT);
            LiveStreamClient.Event second = resumed.next(changeOf(b), WAIT);
            assertThat(first.data()).contains(a);
            assertThat(Long.parseLong(second.id())).isGreaterThan(Long.parseLong(first.id()));
            assertThat(Long.parseLong(first.id())).isGreaterThan(Long.parseLong(resumeFrom));
        }
        try (LiveStreamClient fromTheFuture = open(viewer, "999999999999")) {
            assertThat(fromTheFuture.next(e -> !e.name().equals("ping"), WAIT).name()).isEqualTo("reset");
        }
    }

    @Test
    void forgedMisdirectedAndMalformedHooksAreRefusedAndAReplayChangesNothing() throws Exception {
        String id = "live-" + UUID.randomUUID();
        String body = taskJson(id, "1", NORTHWIND.project);
        String northSecret = LiveHooks.secret(KEY, NORTHWIND.organization);

        assertThat(hook(NORTHWIND.organization, body, null).statusCode()).isEqualTo(401);
        assertThat(hook(NORTHWIND.organization, body, LiveHooks.signature(LiveHooks.secret(KEY, RIVERSIDE.organization), bytes(body))).statusCode())
                .as("signed with another organization's secret").isEqualTo(401);
        assertThat(hook(NORTHWIND.organization, body, LiveHooks.signature(northSecret, bytes(body + " "))).statusCode())
                .as("signature of another body").isEqualTo(401);
        String riversideResource = taskJson(id, "1", RIVERSIDE.project);
        HttpResponse<String> misdirected = hook(NORTHWIND.organization, riversideResource, LiveHooks.signature(northSecret, bytes(riversideResource)));
        assertThat(misdirected.statusCode()).as("another project's resource").isEqualTo(403);
        assertThat(misdirected.body()).contains("https://panels.dev/problems/permission").doesNotContain("Exception");
        String stranger = "organization-test-" + UUID.randomUUID();
        assertThat(hook(stranger, body, LiveHooks.signature(LiveHooks.secret(KEY, stranger), bytes(body))).statusCode()).isEqualTo(404);
        String malformed = "{\"resourceType\":\"Task\"";
        HttpResponse<String> bad = hook(NORTHWIND.organization, malformed, LiveHooks.signature(northSecret, bytes(malformed)));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));

        try (LiveStreamClient north = open(viewer(NORTHWIND), null)) {
            north.next(named("ready"), WAIT);
            String signature = LiveHooks.signature(northSecret, bytes(body));
            assertThat(hook(NORTHWIND.organization, body, signature).statusCode()).isEqualTo(200);
            assertThat(hook(NORTHWIND.organization, body, signature).statusCode()).as("the replay is acknowledged").isEqualTo(200);
            String marker = "live-" + UUID.randomUUID();
            String markerBody = taskJson(marker, "1", NORTHWIND.project);
            assertThat(hook(NORTHWIND.organization, markerBody, LiveHooks.signature(northSecret, bytes(markerBody))).statusCode()).isEqualTo(200);

            List<LiveStreamClient.Event> heard = new ArrayList<>();
            heard.add(north.next(e -> e.name().equals("change") && (e.data().contains(id) || e.data().contains(marker)), WAIT));
            if (!heard.get(0).data().contains(marker)) {
                heard.add(north.next(e -> e.name().equals("change") && (e.data().contains(id) || e.data().contains(marker)), WAIT));
            }
            assertThat(heard).as("one change for the hook and its replay, then the marker").hasSize(2);
            assertThat(heard.get(1).data()).contains(marker);
        }
    }

    @Test
    void aStreamNeedsAValidTokenAWorklistRoleAndAWellFormedResumePoint() throws Exception {
        try (LiveStreamClient anonymous = open(null, null)) {
            assertThat(anonymous.status()).isEqualTo(401);
        }
        try (LiveStreamClient forged = LiveStreamClient.open(base, viewer(NORTHWIND).signedByStranger().serialize(), null)) {
            assertThat(forged.status()).isEqualTo(401);
        }
        try (LiveStreamClient auditor = open(TestIssuer.token().in(NORTHWIND).groups("auditor"), null)) {
            assertThat(auditor.status()).isEqualTo(403);
        }
        try (LiveStreamClient hostile = open(viewer(NORTHWIND), "1; DROP TABLE live_event")) {
            assertThat(hostile.status()).isEqualTo(400);
            assertThat(hostile.refusal()).contains("Last-Event-ID");
        }
        // one person, one stream per tab: the 21st is refused, so one member cannot use up the node's streams
        TestIssuer.Token person = viewer(NORTHWIND);
        List<LiveStreamClient> tabs = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                tabs.add(open(person, null));
                assertThat(tabs.get(i).status()).isEqualTo(200);
                tabs.get(i).next(named("ready"), WAIT);
            }
            try (LiveStreamClient tooMany = open(person, null)) {
                assertThat(tooMany.status()).isEqualTo(429);
                assertThat(tooMany.header("Retry-After")).isEqualTo("30");
                assertThat(tooMany.refusal()).contains("https://panels.dev/problems/too-many-requests");
            }
        } finally {
            tabs.forEach(LiveStreamClient::close);
        }
    }

    @Test
    void aStreamEndsWhenItsTokenExpiresOrItsSessionIsLoggedOut() throws Exception {
        try (LiveStreamClient shortLived = open(viewer(NORTHWIND).expiresInSeconds(3), null)) {
            shortLived.next(named("ready"), WAIT);
            LiveStreamClient.Event end = shortLived.next(e -> !e.name().equals("ping"), WAIT);
            assertThat(end.name()).isEqualTo("end");
            assertThat(end.data()).contains("token-expired");
            assertThat(shortLived.next(named("closed"), WAIT)).isNotNull();
        }
        TestIssuer.Token token = viewer(NORTHWIND);
        try (LiveStreamClient stream = open(token, null)) {
            stream.next(named("ready"), WAIT);
            Api.Reply logout = api().postForm("auth/backchannel-logout", "logout_token="
                    + URLEncoder.encode(TestIssuer.logoutToken(token.sid(), token.subject(), true, null, false), StandardCharsets.UTF_8));
            assertThat(logout.status()).isEqualTo(200);
            LiveStreamClient.Event end = stream.next(e -> !e.name().equals("ping"), WAIT);
            assertThat(end.data()).contains("session-ended");
        }
    }

    private LiveStreamClient open(TestIssuer.Token token, String lastEventId) {
        return LiveStreamClient.open(base, token == null ? null : token.serialize(), lastEventId);
    }

    private static TestIssuer.Token viewer(Medplum.Tenant tenant) {
        return TestIssuer.token().in(tenant).groups("panels-viewer");
    }

    private static java.util.function.Predicate<LiveStreamClient.Event> named(String name) {
        return e -> e.name().equals(name);
    }

    private static java.util.function.Predicate<LiveStreamClient.Event> changeOf(String id) {
        return e -> e.name().equals("change") && json(e.data()).getString("id").equals(id);
    }

    private static String newTask(Medplum.Tenant tenant, String description) {
        Bundle patients = tenant.client().search().byUrl("Patient?_count=1").returnBundle(Bundle.class).execute();
        Task task = new Task().setStatus(Task.TaskStatus.READY).setIntent(Task.TaskIntent.ORDER).setDescription(description)
                .setFor(new Reference("Patient/" + patients.getEntryFirstRep().getResource().getIdElement().getIdPart()));
        return tenant.client().create().resource(task).execute().getId().getIdPart();
    }

    private static String taskJson(String id, String version, String project) {
        return "{\"resourceType\":\"Task\",\"id\":\"" + id + "\",\"meta\":{\"versionId\":\"" + version + "\",\"project\":\""
                + project + "\"},\"status\":\"ready\",\"intent\":\"order\"}";
    }

    private HttpResponse<String> hook(String organization, String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(LiveHooks.endpoint(base.toString(), organization)))
                .header("Content-Type", "application/fhir+json").header("X-Medplum-Interaction", "update")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Signature", signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
