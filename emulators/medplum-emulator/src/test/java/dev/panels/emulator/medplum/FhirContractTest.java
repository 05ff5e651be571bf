package dev.panels.emulator.medplum;

import dev.panels.emulator.common.MutableClock;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.panels.emulator.medplum.Http.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The FHIR API driven with HAPI's generic client and a bearer token, as the app and the Keycloak mapper do. */
class FhirContractTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static MedplumEmulator medplum;
    private static IGenericClient northwind;
    private static IGenericClient riverside;

    @BeforeAll
    static void start() {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        medplum = MedplumEmulator.start(MedplumEmulatorConfig.builder().port(0).seed(11).patients(120)
                .clock(new MutableClock(Instant.parse("2026-03-02T10:00:00Z"))).build());
        northwind = client(token("northwind-panels-client", "northwind-local-secret-not-for-production"));
        riverside = client(token("riverside-panels-client", "riverside-local-secret-not-for-production"));
    }

    @AfterAll
    static void stop() {
        medplum.close();
    }

    private static String token(String id, String secret) {
        return Http.postForm(medplum.baseUrl() + "/oauth2/token",
                form("grant_type", "client_credentials", "client_id", id, "client_secret", secret), null).text("access_token");
    }

    private static IGenericClient client(String token) {
        IGenericClient client = FHIR.newRestfulGenericClient(medplum.fhirBaseUrl());
        if (token != null) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        }
        return client;
    }

    private static <T extends Resource> List<T> resources(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void metadataIsOpenEverythingElseNeedsABearerToken() {
        CapabilityStatement cs = client(null).capabilities().ofType(CapabilityStatement.class).execute();
        assertThat(cs.getRestFirstRep().getResource()).extracting(r -> r.getType())
                .contains("Patient", "Practitioner", "Task", "Appointment", "Encounter", "Observation", "Group", "AuditEvent");

        assertThatThrownBy(() -> client(null).search().forResource(Patient.class).returnBundle(Bundle.class).execute())
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> client("not-a-token").search().forResource(Patient.class).returnBundle(Bundle.class).execute())
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void pagingFollowsNextLinksOverTheWholeProjectOnly() {
        Bundle page = northwind.search().byUrl("Patient?_count=25&_sort=family").returnBundle(Bundle.class).execute();
        int total = page.getTotal();
        assertThat(total).isEqualTo(60);
        Set<String> ids = new HashSet<>();
        String previousFamily = "";
        int pages = 0;
        while (true) {
            pages++;
            for (Patient p : resources(page, Patient.class)) {
                assertThat(ids.add(p.getIdElement().getIdPart())).isTrue();
                String family = SearchValues.normalize(p.getNameFirstRep().getFamily());
                assertThat(family).isGreaterThanOrEqualTo(previousFamily);
                previousFamily = family;
                assertThat(p.getMeta().getTag(FhirStore.PROJECT_TAG_SYSTEM, "medplum-project-northwind")).isNotNull();
            }
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            assertThat(page.getLink(Bundle.LINK_NEXT).getUrl()).contains("_offset=");
            page = northwind.loadPage().next(page).execute();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(total);
    }

    @Test
    void anotherProjectsResourceIsNotFound() {
        Patient theirs = resources(riverside.search().forResource(Patient.class).count(1).returnBundle(Bundle.class).execute(),
                Patient.class).get(0);
        String id = theirs.getIdElement().getIdPart();

        assertThat(riverside.read().resource(Patient.class).withId(id).execute().getIdElement().getIdPart()).isEqualTo(id);
        assertThatThrownBy(() -> northwind.read().resource(Patient.class).withId(id).execute())
                .isInstanceOf(ResourceNotFoundException.class);
        Bundle byId = northwind.search().byUrl("Patient?_id=" + id).returnBundle(Bundle.class).execute();
        assertThat(byId.getTotal()).isZero();
    }

    @Test
    void searchByIdentifierNameStatusOwnerPatientDateAndMember() {
        Bundle byMrn = northwind.search().byUrl("Patient?identifier=https://panels.dev/mrn|NW-000007").returnBundle(Bundle.class).execute();
        assertThat(byMrn.getTotal()).isEqualTo(1);
        Patient patient = resources(byMrn, Patient.class).get(0);
        String family = patient.getNameFirstRep().getFamily();
        Bundle byName = northwind.search().byUrl("Patient?name=" + family.substring(0, 3) + "&_count=200").returnBundle(Bundle.class).execute();
        assertThat(resources(byName, Patient.class)).extracting(p -> p.getIdElement().getIdPart())
                .contains(patient.getIdElement().getIdPart());
        assertThat(resources(byName, Patient.class)).allSatisfy(p -> assertThat(SearchValues.normalize(String.join(" ",
                SearchValues.names(p.getName())))).contains(SearchValues.normalize(family.substring(0, 3))));

        Bundle ready = northwind.search().byUrl("Task?status=ready,requested&_count=500").returnBundle(Bundle.class).execute();
        assertThat(ready.getTotal()).isPositive();
        assertThat(resources(ready, Task.class)).allSatisfy(t -> assertThat(t.getStatus().toCode()).isIn("ready", "requested"));

        Practitioner ada = resources(northwind.search().byUrl(
                "Practitioner?identifier=https://panels.dev/practitioner|member-test-11111111-aaaa-4aaa-8aaa-000000000001")
                .returnBundle(Bundle.class).execute(), Practitioner.class).get(0);
        String adaRef = "Practitioner/" + ada.getIdElement().getIdPart();
        Bundle owned = northwind.search().byUrl("Task?owner=" + adaRef + "&_count=500").returnBundle(Bundle.class).execute();
        assertThat(resources(owned, Task.class)).allSatisfy(t -> assertThat(t.getOwner().getReference()).isEqualTo(adaRef));

        Task anyTask = resources(northwind.search().byUrl("Task?_count=1").returnBundle(Bundle.class).execute(), Task.class).get(0);
        String taskPatient = anyTask.getFor().getReference();
        Bundle tasksOfPatient = northwind.search().byUrl("Task?patient=" + taskPatient + "&_include=Task:patient")
                .returnBundle(Bundle.class).execute();
        assertThat(resources(tasksOfPatient, Task.class)).isNotEmpty().allSatisfy(t ->
                assertThat(t.getFor().getReference()).isEqualTo(taskPatient));
        assertThat(tasksOfPatient.getEntry()).filteredOn(e -> e.getResource() instanceof Patient).singleElement().satisfies(e -> {
            assertThat("Patient/" + e.getResource().getIdElement().getIdPart()).isEqualTo(taskPatient);
            assertThat(e.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.INCLUDE);
        });

        Bundle march = northwind.search().byUrl("Appointment?date=ge2026-03-01&date=lt2026-03-08&_sort=date&_count=500")
                .returnBundle(Bundle.class).execute();
        assertThat(march.getTotal()).isPositive();
        Instant from = Instant.parse("2026-03-01T00:00:00Z");
        Instant to = Instant.parse("2026-03-08T00:00:00Z");
        List<Appointment> appts = resources(march, Appointment.class);
        assertThat(appts).allSatisfy(a -> assertThat(a.getStart().toInstant()).isBetween(from, to.minusMillis(1)));
        assertThat(appts).isSortedAccordingTo((a, b) -> a.getStart().compareTo(b.getStart()));

        Group group = resources(northwind.search().byUrl("Group?name=High").returnBundle(Bundle.class).execute(), Group.class).get(0);
        String member = group.getMemberFirstRep().getEntity().getReference();
        Bundle groups = northwind.search().byUrl("Group?member=" + member).returnBundle(Bundle.class).execute();
        assertThat(resources(groups, Group.class)).extracting(g -> g.getIdElement().getIdPart()).contains(group.getIdElement().getIdPart());
    }

    @Test
    void revincludeAddsTheTasksOfThePatientsOnThePage() {
        Task anyTask = resources(northwind.search().byUrl("Task?_count=1").returnBundle(Bundle.class).execute(), Task.class).get(0);
        String patientId = anyTask.getFor().getReferenceElement().getIdPart();

        Bundle bundle = northwind.search().byUrl("Patient?_id=" + patientId + "&_revinclude=Task:patient")
                .returnBundle(Bundle.class).execute();

        assertThat(bundle.getTotal()).isEqualTo(1);
        assertThat(resources(bundle, Task.class)).isNotEmpty()
                .allSatisfy(t -> assertThat(t.getFor().getReference()).isEqualTo("Patient/" + patientId))
                .extracting(t -> t.getIdElement().getIdPart()).contains(anyTask.getIdElement().getIdPart());
    }

    @Test
    void injectedOutageAnswers503WhileTheAdminSwitchStaysReachable() {
        medplum.faults().update(new dev.panels.emulator.common.FaultInjection.Settings(0, 0, 503, true));
        try {
            assertThatThrownBy(() -> northwind.search().forResource(Patient.class).returnBundle(Bundle.class).execute())
                    .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException.class)
                    .satisfies(e -> assertThat(((ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException) e).getStatusCode()).isEqualTo(503));
            assertThat(Http.get(medplum.baseUrl() + "/__admin/faults", null).status()).isEqualTo(200);
        } finally {
            medplum.faults().reset();
        }
        assertThat(northwind.search().forResource(Patient.class).returnBundle(Bundle.class).execute().getTotal()).isEqualTo(60);
    }

    @Test
    void unknownSearchParametersAreRefused() {
        assertThatThrownBy(() -> northwind.search().byUrl("Patient?nickname=x").returnBundle(Bundle.class).execute())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("nickname");
    }

    @Test
    void conditionalCreateFindsOrCreatesOnceAndStaysInTheProject() {
        Practitioner p = new Practitioner();
        p.addIdentifier().setSystem("https://panels.dev/practitioner").setValue("member-test-conditional-1");
        p.addName().setFamily("Conditional");
        String condition = "identifier=https://panels.dev/practitioner|member-test-conditional-1";

        MethodOutcome first = northwind.create().resource(p).conditionalByUrl("Practitioner?" + condition).execute();
        MethodOutcome second = northwind.create().resource(p).conditionalByUrl("Practitioner?" + condition).execute();
        MethodOutcome otherProject = riverside.create().resource(p).conditionalByUrl("Practitioner?" + condition).execute();

        assertThat(first.getCreated()).isTrue();
        assertThat(second.getCreated()).isNotEqualTo(Boolean.TRUE);
        assertThat(second.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
        assertThat(otherProject.getCreated()).isTrue();
        assertThat(otherProject.getId().getIdPart()).isNotEqualTo(first.getId().getIdPart());
        assertThat(northwind.search().byUrl("Practitioner?" + condition).returnBundle(Bundle.class).execute().getTotal()).isEqualTo(1);
    }

    @Test
    void updateWithAStaleIfMatchIsRefusedWith412() {
        Task task = resources(northwind.search().byUrl("Task?_count=1").returnBundle(Bundle.class).execute(), Task.class).get(0);
        String version = task.getIdElement().getVersionIdPart();
        task.setOwner(new Reference("Practitioner/someone"));

        MethodOutcome updated = northwind.update().resource(task).withId(task.getIdElement().toUnqualifiedVersionless())
                .withAdditionalHeader("If-Match", "W/\"" + version + "\"").execute();
        assertThat(updated.getId().getVersionIdPart()).isNotEqualTo(version);

        assertThatThrownBy(() -> northwind.update().resource(task).withId(task.getIdElement().toUnqualifiedVersionless())
                .withAdditionalHeader("If-Match", "W/\"" + version + "\"").execute())
                .isInstanceOf(PreconditionFailedException.class);
        Task reread = northwind.read().resource(Task.class).withId(task.getIdElement().getIdPart()).execute();
        assertThat(reread.getOwner().getReference()).isEqualTo("Practitioner/someone");
        assertThat(reread.getMeta().getVersionId()).isEqualTo(updated.getId().getVersionIdPart());
    }

    @Test
    void sameSeedGivesTheSameData() {
        try (MedplumEmulator again = MedplumEmulator.start(MedplumEmulatorConfig.builder().port(0).seed(11).patients(120)
                .clock(new MutableClock(Instant.parse("2026-03-02T10:00:00Z"))).build())) {
            String token = Http.postForm(again.baseUrl() + "/oauth2/token", form("grant_type", "client_credentials",
                    "client_id", "northwind-panels-client", "client_secret", "northwind-local-secret-not-for-production"), null)
                    .text("access_token");
            IGenericClient other = FHIR.newRestfulGenericClient(again.fhirBaseUrl());
            other.registerInterceptor(new BearerTokenAuthInterceptor(token));
            Patient mine = resources(northwind.search().byUrl("Patient?identifier=https://panels.dev/mrn|NW-000042")
                    .returnBundle(Bundle.class).execute(), Patient.class).get(0);
            Patient theirs = resources(other.search().byUrl("Patient?identifier=https://panels.dev/mrn|NW-000042")
                    .returnBundle(Bundle.class).execute(), Patient.class).get(0);
            assertThat(theirs.getIdElement().getIdPart()).isEqualTo(mine.getIdElement().getIdPart());
            assertThat(theirs.getNameFirstRep().getNameAsSingleString()).isEqualTo(mine.getNameFirstRep().getNameAsSingleString());
            assertThat(theirs.getBirthDateElement().getValueAsString()).isEqualTo(mine.getBirthDateElement().getValueAsString());
        }
    }
}
