package dev.panels.emulator.medplum;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** HAPI's plain RESTful server (no JPA) over {@link FhirStore}, JSON only, mounted at {@code /fhir/R4/*}. */
final class MedplumFhirServer extends RestfulServer {

    private static final Map<String, Class<? extends Resource>> TYPES = Map.of(
            "Patient", Patient.class, "Practitioner", Practitioner.class, "Task", Task.class,
            "Appointment", Appointment.class, "Encounter", Encounter.class, "Observation", Observation.class,
            "Group", Group.class, "AuditEvent", AuditEvent.class, "Location", Location.class,
            "Subscription", org.hl7.fhir.r4.model.Subscription.class);

    static final java.util.Set<String> RESOURCE_TYPES = TYPES.keySet();

    private final transient FhirStore store;
    private final transient TokenService tokens;
    private final transient Directory directory;
    private final transient Clock clock;
    private final transient RestHooks hooks;

    MedplumFhirServer(FhirContext context, FhirStore store, TokenService tokens, Directory directory, Clock clock, RestHooks hooks) {
        super(context);
        this.hooks = hooks;
        this.store = store;
        this.tokens = tokens;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    protected void initialize() {
        setDefaultResponseEncoding(EncodingEnum.JSON);
        setDefaultPrettyPrint(false);
        List<IResourceProvider> providers = new ArrayList<>();
        TYPES.forEach((name, type) -> providers.add(provider(type, name)));
        setResourceProviders(providers);
        registerInterceptor(new BearerAuthInterceptor(tokens, directory));
        registerInterceptor(new AccessPolicyInterceptor(directory));
    }

    private <T extends Resource> ProjectResourceProvider<T> provider(Class<T> type, String name) {
        return new ProjectResourceProvider<>(type, name, store, clock, hooks);
    }
}
