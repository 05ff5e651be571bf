package dev.panels.app.it;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A FHIR R4 stand-in for Medplum on 127.0.0.1 until the Medplum emulator lands: answers
 * {@code /fhir/R4/metadata} and Patient searches with a fixed search-set bundle (two patients and
 * their tasks), records every request (path, query, Authorization) and can be switched to fail.
 */
public final class FhirStandIn {

    static final FhirContext FHIR = FhirContext.forR4();
    private static volatile FhirStandIn current;

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    public record Request(String method, String path, String query, String authorization, String ifMatch, String body) {
    }

    private FhirStandIn(HttpServer server) {
        this.server = server;
    }

    static FhirStandIn start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        FhirStandIn standIn = new FhirStandIn(server);
        server.createContext("/fhir/R4/", standIn::handle);
        server.start();
        current = standIn;
        return standIn;
    }

    public static FhirStandIn current() {
        return current;
    }

    void stop() {
        server.stop(0);
    }

    public void failing(boolean value) {
        failing = value;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("If-Match"), body));
        String taskId = path.matches(".*/Task/[^/]+$") ? path.substring(path.lastIndexOf('/') + 1) : null;
        if (failing) {
            send(exchange, 503, "{\"resourceType\":\"OperationOutcome\"}");
        } else if (path.endsWith("/metadata")) {
            send(exchange, 200, FHIR.newJsonParser().encodeResourceToString(new CapabilityStatement()));
        } else if (exchange.getRequestURI().getRawQuery() != null && exchange.getRequestURI().getRawQuery().contains("_summary=count")) {
            Bundle count = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(path.endsWith("/Patient") ? 2 : 3);
            send(exchange, 200, FHIR.newJsonParser().encodeResourceToString(count));
        } else if (path.endsWith("/Patient")) {
            send(exchange, 200, FHIR.newJsonParser().encodeResourceToString(patients()));
        } else if (path.endsWith("/AuditEvent") && exchange.getRequestMethod().equals("POST")) {
            AuditEvent event = FHIR.newJsonParser().parseResource(AuditEvent.class, body);
            event.setId("ae-" + requests.size());
            send(exchange, 201, FHIR.newJsonParser().encodeResourceToString(event));
        } else if (taskId != null && !taskId.startsWith("t")) {
            send(exchange, 404, "{\"resourceType\":\"OperationOutcome\"}");
        } else if (taskId != null && exchange.getRequestMethod().equals("GET")) {
            Task task = task(taskId, "p1", Task.TaskStatus.REQUESTED);
            task.getMeta().setVersionId("7");
            send(exchange, 200, FHIR.newJsonParser().encodeResourceToString(task));
        } else if (taskId != null && exchange.getRequestMethod().equals("PUT")) {
            // Medplum's optimistic locking: the update must name the version it was based on.
            if (!"W/\"7\"".equals(exchange.getRequestHeaders().getFirst("If-Match"))) {
                send(exchange, 412, "{\"resourceType\":\"OperationOutcome\"}");
            } else {
                Task task = FHIR.newJsonParser().parseResource(Task.class, body);
                task.getMeta().setVersionId("8");
                send(exchange, 200, FHIR.newJsonParser().encodeResourceToString(task));
            }
        } else {
            send(exchange, 404, "{\"resourceType\":\"OperationOutcome\"}");
        }
    }

    static Bundle patients() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(2);
        bundle.addEntry().setResource(patient("p1", "Lovelace", "Ada", "1990-05-17")).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        bundle.addEntry().setResource(patient("p2", "Hopper", "Grace", "1946-12-09")).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        bundle.addEntry().setResource(task("t1", "p1", Task.TaskStatus.REQUESTED)).getSearch().setMode(Bundle.SearchEntryMode.INCLUDE);
        bundle.addEntry().setResource(task("t2", "p1", Task.TaskStatus.READY)).getSearch().setMode(Bundle.SearchEntryMode.INCLUDE);
        bundle.addEntry().setResource(task("t3", "p2", Task.TaskStatus.COMPLETED)).getSearch().setMode(Bundle.SearchEntryMode.INCLUDE);
        return bundle;
    }

    private static Patient patient(String id, String family, String given, String born) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.addName().setFamily(family).addGiven(given);
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType(born));
        return patient;
    }

    private static Task task(String id, String patient, Task.TaskStatus status) {
        Task task = new Task();
        task.setId(id);
        task.setStatus(status);
        task.setIntent(Task.TaskIntent.ORDER);
        task.setFor(new Reference("Patient/" + patient));
        return task;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
