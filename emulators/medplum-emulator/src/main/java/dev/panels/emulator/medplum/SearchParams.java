package dev.panels.emulator.medplum;

import dev.panels.emulator.medplum.SearchValues.Range;
import dev.panels.emulator.medplum.SearchValues.Token;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static dev.panels.emulator.medplum.SearchValues.code;
import static dev.panels.emulator.medplum.SearchValues.codingTokens;
import static dev.panels.emulator.medplum.SearchValues.conceptTokens;
import static dev.panels.emulator.medplum.SearchValues.dates;
import static dev.panels.emulator.medplum.SearchValues.identifierTokens;
import static dev.panels.emulator.medplum.SearchValues.names;
import static dev.panels.emulator.medplum.SearchValues.period;
import static dev.panels.emulator.medplum.SearchValues.refs;

/**
 * The search parameters each resource type supports here (a subset of FHIR R4's, with their R4 names and
 * paths). Unknown parameters are refused with 400, as Medplum does, so a typo never silently widens a search.
 */
final class SearchParams {

    enum Kind { STRING, TOKEN, REFERENCE, DATE }

    /** {@code targets}: resource types a reference parameter may point to (for {@code _include} and bare ids). */
    record Param(String name, Kind kind, Function<Resource, List<?>> values, List<String> targets) {
        @SuppressWarnings("unchecked")
        List<String> strings(Resource r) { return (List<String>) values.apply(r); }
        @SuppressWarnings("unchecked")
        List<Token> tokens(Resource r) { return (List<Token>) values.apply(r); }
        @SuppressWarnings("unchecked")
        List<Range> ranges(Resource r) { return (List<Range>) values.apply(r); }
    }

    private static final Map<String, Map<String, Param>> BY_TYPE = new HashMap<>();

    static {
        Param id = new Param("_id", Kind.TOKEN, r -> List.of(new Token(null, r.getIdElement().getIdPart())), List.of());
        Param lastUpdated = new Param("_lastUpdated", Kind.DATE, r -> dates(r.getMeta().getLastUpdatedElement()), List.of());
        for (String type : MedplumFhirServer.RESOURCE_TYPES) {
            define(type, id);
            define(type, lastUpdated);
        }

        define("Patient", token("identifier", r -> identifierTokens(((Patient) r).getIdentifier())));
        define("Patient", string("name", r -> names(((Patient) r).getName())));
        define("Patient", string("family", r -> SearchValues.family(((Patient) r).getName())));
        define("Patient", string("given", r -> SearchValues.given(((Patient) r).getName())));
        define("Patient", date("birthdate", r -> dates(((Patient) r).getBirthDateElement())));
        define("Patient", token("gender", r -> code(((Patient) r).getGenderElement())));
        define("Patient", token("active", r -> SearchValues.bool(((Patient) r).hasActive(), ((Patient) r).getActive())));
        define("Patient", token("email", r -> SearchValues.telecomTokens(((Patient) r).getTelecom(), ContactPoint.ContactPointSystem.EMAIL)));
        define("Patient", token("phone", r -> SearchValues.telecomTokens(((Patient) r).getTelecom(), ContactPoint.ContactPointSystem.PHONE)));
        define("Patient", reference("general-practitioner", r -> refs(((Patient) r).getGeneralPractitioner()), "Practitioner"));
        define("Patient", reference("organization", r -> refs(((Patient) r).getManagingOrganization()), "Organization"));

        define("Practitioner", token("identifier", r -> identifierTokens(((Practitioner) r).getIdentifier())));
        define("Practitioner", string("name", r -> names(((Practitioner) r).getName())));
        define("Practitioner", string("family", r -> SearchValues.family(((Practitioner) r).getName())));
        define("Practitioner", string("given", r -> SearchValues.given(((Practitioner) r).getName())));
        define("Practitioner", token("email", r -> SearchValues.telecomTokens(((Practitioner) r).getTelecom(), ContactPoint.ContactPointSystem.EMAIL)));
        define("Practitioner", token("active", r -> SearchValues.bool(((Practitioner) r).hasActive(), ((Practitioner) r).getActive())));

        define("Subscription", token("status", r -> code(((org.hl7.fhir.r4.model.Subscription) r).getStatusElement())));
        define("Subscription", string("criteria", r -> java.util.Collections.singletonList(((org.hl7.fhir.r4.model.Subscription) r).getCriteria())));

        define("Task", token("identifier", r -> identifierTokens(((Task) r).getIdentifier())));
        define("Task", token("status", r -> code(((Task) r).getStatusElement())));
        define("Task", token("intent", r -> code(((Task) r).getIntentElement())));
        define("Task", token("priority", r -> code(((Task) r).getPriorityElement())));
        define("Task", token("code", r -> conceptTokens(List.of(((Task) r).getCode()))));
        define("Task", reference("owner", r -> refs(((Task) r).getOwner()), "Practitioner", "Organization", "Patient"));
        define("Task", reference("requester", r -> refs(((Task) r).getRequester()), "Practitioner", "Organization", "Patient"));
        define("Task", reference("patient", r -> patientRefs(((Task) r).getFor()), "Patient"));
        define("Task", reference("subject", r -> refs(((Task) r).getFor()), "Patient", "Group"));
        define("Task", reference("focus", r -> refs(((Task) r).getFocus()), "Appointment", "Encounter", "Observation"));
        define("Task", reference("encounter", r -> refs(((Task) r).getEncounter()), "Encounter"));
        define("Task", date("authored-on", r -> dates(((Task) r).getAuthoredOnElement())));
        define("Task", date("modified", r -> dates(((Task) r).getLastModifiedElement())));
        define("Task", date("period", r -> period(((Task) r).getExecutionPeriod())));

        define("Appointment", token("identifier", r -> identifierTokens(((Appointment) r).getIdentifier())));
        define("Appointment", token("status", r -> code(((Appointment) r).getStatusElement())));
        define("Appointment", token("appointment-type", r -> conceptTokens(List.of(((Appointment) r).getAppointmentType()))));
        define("Appointment", date("date", r -> dates(((Appointment) r).getStartElement())));
        define("Appointment", reference("actor", r -> actors((Appointment) r, null), "Patient", "Practitioner", "Location"));
        define("Appointment", reference("patient", r -> actors((Appointment) r, "Patient/"), "Patient"));
        define("Appointment", reference("practitioner", r -> actors((Appointment) r, "Practitioner/"), "Practitioner"));
        define("Appointment", reference("location", r -> actors((Appointment) r, "Location/"), "Location"));

        define("Encounter", token("identifier", r -> identifierTokens(((Encounter) r).getIdentifier())));
        define("Encounter", token("status", r -> code(((Encounter) r).getStatusElement())));
        define("Encounter", token("class", r -> codingTokens(List.of(((Encounter) r).getClass_()))));
        define("Encounter", reference("patient", r -> patientRefs(((Encounter) r).getSubject()), "Patient"));
        define("Encounter", reference("subject", r -> refs(((Encounter) r).getSubject()), "Patient", "Group"));
        define("Encounter", reference("participant", r -> refs(((Encounter) r).getParticipant().stream()
                .map(Encounter.EncounterParticipantComponent::getIndividual).toList()), "Practitioner"));
        define("Encounter", date("date", r -> period(((Encounter) r).getPeriod())));

        define("Observation", token("identifier", r -> identifierTokens(((Observation) r).getIdentifier())));
        define("Observation", token("status", r -> code(((Observation) r).getStatusElement())));
        define("Observation", token("code", r -> conceptTokens(List.of(((Observation) r).getCode()))));
        define("Observation", token("category", r -> conceptTokens(((Observation) r).getCategory())));
        define("Observation", reference("patient", r -> patientRefs(((Observation) r).getSubject()), "Patient"));
        define("Observation", reference("subject", r -> refs(((Observation) r).getSubject()), "Patient", "Group"));
        define("Observation", reference("encounter", r -> refs(((Observation) r).getEncounter()), "Encounter"));
        define("Observation", date("date", r -> ((Observation) r).hasEffectivePeriod()
                ? period(((Observation) r).getEffectivePeriod())
                : ((Observation) r).hasEffectiveDateTimeType() ? dates(((Observation) r).getEffectiveDateTimeType()) : List.of()));

        define("Group", token("identifier", r -> identifierTokens(((Group) r).getIdentifier())));
        define("Group", string("name", r -> ((Group) r).hasName() ? List.of(((Group) r).getName()) : List.of()));
        define("Group", token("type", r -> code(((Group) r).getTypeElement())));
        define("Group", token("actual", r -> SearchValues.bool(((Group) r).hasActual(), ((Group) r).getActual())));
        define("Group", reference("member", r -> refs(((Group) r).getMember().stream()
                .map(Group.GroupMemberComponent::getEntity).toList()), "Patient", "Practitioner"));

        define("AuditEvent", token("type", r -> codingTokens(List.of(((AuditEvent) r).getType()))));
        define("AuditEvent", token("action", r -> code(((AuditEvent) r).getActionElement())));
        define("AuditEvent", token("outcome", r -> code(((AuditEvent) r).getOutcomeElement())));
        define("AuditEvent", date("date", r -> dates(((AuditEvent) r).getRecordedElement())));
        define("AuditEvent", reference("agent", r -> refs(((AuditEvent) r).getAgent().stream()
                .map(AuditEvent.AuditEventAgentComponent::getWho).toList()), "Practitioner", "Patient"));
        define("AuditEvent", reference("entity", r -> refs(((AuditEvent) r).getEntity().stream()
                .map(AuditEvent.AuditEventEntityComponent::getWhat).toList()), "Patient", "Task", "Appointment"));
        define("AuditEvent", reference("patient", r -> patientRefs(((AuditEvent) r).getEntity().stream()
                .map(AuditEvent.AuditEventEntityComponent::getWhat).toArray(Reference[]::new)), "Patient"));

        define("Location", token("identifier", r -> identifierTokens(((Location) r).getIdentifier())));
        define("Location", string("name", r -> ((Location) r).hasName() ? List.of(((Location) r).getName()) : List.of()));
        define("Location", token("status", r -> code(((Location) r).getStatusElement())));
    }

    private SearchParams() {
    }

    static Optional<Param> find(String type, String name) {
        return Optional.ofNullable(BY_TYPE.getOrDefault(type, Map.of()).get(name));
    }

    static List<String> paramNames(String type) {
        return BY_TYPE.getOrDefault(type, Map.of()).keySet().stream().sorted().toList();
    }

    private static void define(String type, Param p) {
        BY_TYPE.computeIfAbsent(type, t -> new HashMap<>()).put(p.name(), p);
    }

    private static Param string(String name, Function<Resource, List<?>> f) {
        return new Param(name, Kind.STRING, f, List.of());
    }

    private static Param token(String name, Function<Resource, List<?>> f) {
        return new Param(name, Kind.TOKEN, f, List.of());
    }

    private static Param date(String name, Function<Resource, List<?>> f) {
        return new Param(name, Kind.DATE, f, List.of());
    }

    private static Param reference(String name, Function<Resource, List<?>> f, String... targets) {
        return new Param(name, Kind.REFERENCE, f, List.of(targets));
    }

    private static List<String> patientRefs(Reference... refs) {
        return refs(refs).stream().filter(r -> r.startsWith("Patient/")).toList();
    }

    private static List<String> actors(Appointment a, String prefix) {
        List<String> all = refs(a.getParticipant().stream().map(Appointment.AppointmentParticipantComponent::getActor).toList());
        return prefix == null ? all : all.stream().filter(r -> r.startsWith(prefix)).toList();
    }
}
