package dev.panels.emulator.medplum;

import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The synthetic dataset: two projects mirroring the two Stytch sample organizations, their client applications
 * and users, and Patients with Tasks, Appointments, Encounters and Observations. Everything is derived from the
 * seed number and the anchor day (appointments cluster around it), so the same inputs give the same ids and data.
 */
final class Seed {

    static final String NORTHWIND = "medplum-project-northwind";
    static final String RIVERSIDE = "medplum-project-riverside";
    static final String NORTHWIND_ORG = "organization-test-11111111-1111-4111-8111-111111111111";
    static final String RIVERSIDE_ORG = "organization-test-22222222-2222-4222-8222-222222222222";
    /** The identifier system the Keycloak mapper uses for a Stytch member's Practitioner. */
    static final String PRACTITIONER_SYSTEM = "https://panels.dev/practitioner";
    static final String MRN_SYSTEM = "https://panels.dev/mrn";

    /** Documented local credentials (README); never valid anywhere but this emulator. */
    static final String NORTHWIND_CLIENT = "northwind-panels-client";
    static final String NORTHWIND_SECRET = "northwind-local-secret-not-for-production";
    static final String RIVERSIDE_CLIENT = "riverside-panels-client";
    static final String RIVERSIDE_SECRET = "riverside-local-secret-not-for-production";

    /** One membership: project, the Stytch member it mirrors, its externalId, admin or not. */
    private record SeedMembership(String project, String stytchMemberId, String externalId, boolean admin) {
    }

    private record SeedUser(String email, String given, String family, List<SeedMembership> memberships) {
    }

    /**
     * Server-level users, like Medplum's email/password users, one per person: Casey is one User with a membership
     * in each project. The externalIds are the ids Keycloak gives these Stytch members (what an admin would have
     * passed to the invite endpoint), as data: nothing here derives them.
     */
    private static final List<SeedUser> USERS = List.of(
            new SeedUser("ada.admin@northwind.example", "Ada", "Admin", List.of(new SeedMembership(NORTHWIND,
                    "member-test-11111111-aaaa-4aaa-8aaa-000000000001", "11669995-aa48-58a4-bbdb-36a437d42181", true))),
            new SeedUser("ben.member@northwind.example", "Ben", "Member", List.of(new SeedMembership(NORTHWIND,
                    "member-test-11111111-aaaa-4aaa-8aaa-000000000002", "c718edf4-b559-543e-b06b-82790f837450", false))),
            new SeedUser("casey.both@shared.example", "Casey", "Both", List.of(
                    new SeedMembership(NORTHWIND, "member-test-11111111-aaaa-4aaa-8aaa-000000000003",
                            "389fe068-d58c-50d9-ab64-db88a56e5df3", false),
                    new SeedMembership(RIVERSIDE, "member-test-22222222-bbbb-4bbb-8bbb-000000000003",
                            "9176e4ac-aa21-586f-9c3e-7316b4750d82", false))),
            new SeedUser("rita.admin@riverside.example", "Rita", "Admin", List.of(new SeedMembership(RIVERSIDE,
                    "member-test-22222222-bbbb-4bbb-8bbb-000000000001", "ec2e11f7-1dc3-5cfb-a4a4-c4ca0b2316af", true))),
            new SeedUser("sam.builder@riverside.example", "Sam", "Builder", List.of(new SeedMembership(RIVERSIDE,
                    "member-test-22222222-bbbb-4bbb-8bbb-000000000002", "84237397-825b-531a-9d3d-b220444aaf9c", false))));

    private static final String[] GIVEN = {"Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Ava", "Elijah",
            "Sophia", "Lucas", "Mia", "Mateo", "Isabella", "Levi", "Chloé", "Aarav", "Zoë", "Hiro", "Fatima", "Jürgen",
            "Priya", "Kwame", "Ingrid", "Diego", "Mei", "Tomasz", "Amara", "Yusuf", "Leilani", "Sven"};
    private static final String[] FAMILY = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
            "Davis", "Rodriguez", "Martinez", "Hernández", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas",
            "Taylor", "Moore", "Jackson", "Martin", "Lee", "Nguyen", "Okafor", "Müller", "Kowalski", "Tanaka",
            "Haddad", "O'Brien", "Singh", "Johansson"};
    private static final String[][] TASK_CODES = {{"outreach", "Patient outreach call"},
            {"med-review", "Medication review"}, {"lab-followup", "Lab result follow-up"},
            {"referral", "Referral coordination"}, {"care-plan", "Care plan update"}, {"screening", "Preventive screening"}};
    private static final Task.TaskStatus[] TASK_STATUS = {Task.TaskStatus.REQUESTED, Task.TaskStatus.READY,
            Task.TaskStatus.INPROGRESS, Task.TaskStatus.ONHOLD, Task.TaskStatus.COMPLETED, Task.TaskStatus.CANCELLED};
    private static final Appointment.AppointmentStatus[] APPT_STATUS = {Appointment.AppointmentStatus.BOOKED,
            Appointment.AppointmentStatus.BOOKED, Appointment.AppointmentStatus.ARRIVED,
            Appointment.AppointmentStatus.FULFILLED, Appointment.AppointmentStatus.CANCELLED,
            Appointment.AppointmentStatus.NOSHOW};
    private static final String[][] VITALS = {{"8867-4", "Heart rate", "/min"}, {"29463-7", "Body weight", "kg"},
            {"8480-6", "Systolic blood pressure", "mm[Hg]"}, {"2339-0", "Glucose", "mg/dL"}};

    private final long seed;
    private final Random random;
    private final LocalDate anchor;
    private final Instant seededAt;
    private final FhirStore store;
    private int counter;

    private Seed(long seed, LocalDate anchor, FhirStore store) {
        this.seed = seed;
        this.random = new Random(seed);
        this.anchor = anchor;
        this.seededAt = anchor.atStartOfDay().toInstant(ZoneOffset.UTC);
        this.store = store;
    }

    /**
     * Fills the directory and the store; returns the directory. {@code userinfoUrl} is the seeded clients'
     * identity provider; null seeds them without one.
     */
    static Directory load(long seed, int patients, LocalDate anchor, String userinfoUrl, FhirStore store) {
        return new Seed(seed, anchor, store).run(patients, userinfoUrl);
    }

    private Directory run(int patientCount, String userinfoUrl) {
        Directory directory = new Directory();
        directory.add(new Directory.Project(NORTHWIND, "Northwind Clinic", NORTHWIND_ORG));
        directory.add(new Directory.Project(RIVERSIDE, "Riverside Health", RIVERSIDE_ORG));
        Directory.IdentityProvider keycloak = userinfoUrl == null ? null : Directory.IdentityProvider.userInfo(userinfoUrl, true, null);
        client(directory, NORTHWIND_CLIENT, NORTHWIND, NORTHWIND_SECRET, keycloak);
        client(directory, RIVERSIDE_CLIENT, RIVERSIDE, RIVERSIDE_SECRET, keycloak);

        List<String> northwindStaff = new ArrayList<>();
        List<String> riversideStaff = new ArrayList<>();
        for (SeedUser u : USERS) {
            String userId = id("User", u.email());
            directory.add(new Directory.User(userId, u.email(), null));
            for (SeedMembership m : u.memberships()) {
                Practitioner p = practitioner(u.given(), u.family(), u.email());
                p.addIdentifier(new Identifier().setSystem(PRACTITIONER_SYSTEM).setValue(m.stytchMemberId()));
                String ref = save(m.project(), p);
                directory.add(new Directory.Membership(id("ProjectMembership", m.project() + "|" + m.stytchMemberId()),
                        m.project(), "User/" + userId, ref, m.externalId(), m.admin()));
                (m.project().equals(NORTHWIND) ? northwindStaff : riversideStaff).add(ref);
            }
        }
        int northwindPatients = (patientCount + 1) / 2;
        project(NORTHWIND, "NW", northwindPatients, northwindStaff);
        project(RIVERSIDE, "RS", patientCount - northwindPatients, riversideStaff);
        return directory;
    }

    /** A ClientApplication and its admin membership (so its client-credentials token may invite). */
    private void client(Directory directory, String clientId, String project, String secret, Directory.IdentityProvider idp) {
        directory.add(new Directory.ClientApp(clientId, project, clientId, secret, true, idp));
        directory.add(new Directory.Membership(id("ProjectMembership", project + "|" + clientId), project,
                "ClientApplication/" + clientId, "ClientApplication/" + clientId, null, true));
    }

    private void project(String project, String prefix, int patients, List<String> staff) {
        for (int i = 0; i < 6; i++) {
            String given = pick(GIVEN);
            String family = pick(FAMILY);
            staff.add(save(project, practitioner(given, family,
                    (given + "." + family).toLowerCase().replaceAll("[^a-z.]", "") + i + "@" + prefix.toLowerCase() + ".example")));
        }
        List<String> locations = new ArrayList<>();
        for (String room : new String[]{"Main clinic", "East wing", "Telehealth"}) {
            Location l = new Location().setName(room).setStatus(Location.LocationStatus.ACTIVE);
            locations.add(save(project, l));
        }
        Group highRisk = new Group().setName("High risk").setType(Group.GroupType.PERSON).setActual(true);
        Group diabetes = new Group().setName("Diabetes cohort").setType(Group.GroupType.PERSON).setActual(true);
        for (int n = 1; n <= patients; n++) {
            String patient = save(project, patient(prefix, n, staff));
            if (random.nextInt(8) == 0) {
                highRisk.addMember().setEntity(new Reference(patient));
            }
            if (random.nextInt(10) == 0) {
                diabetes.addMember().setEntity(new Reference(patient));
            }
            for (int t = random.nextInt(4); t > 0; t--) {
                save(project, task(patient, staff));
            }
            for (int a = random.nextInt(3); a > 0; a--) {
                save(project, appointment(patient, staff, locations));
            }
            if (random.nextBoolean()) {
                String encounter = save(project, encounter(patient, staff));
                for (int o = 1 + random.nextInt(2); o > 0; o--) {
                    save(project, observation(patient, encounter));
                }
            }
        }
        save(project, highRisk);
        save(project, diabetes);
    }

    private Practitioner practitioner(String given, String family, String email) {
        Practitioner p = new Practitioner().setActive(true);
        p.addName().setFamily(family).addGiven(given).setText(given + " " + family);
        p.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(email);
        return p;
    }

    private Patient patient(String prefix, int n, List<String> staff) {
        Patient p = new Patient().setActive(true);
        p.addIdentifier().setSystem(MRN_SYSTEM).setValue(String.format("%s-%06d", prefix, n));
        String given = pick(GIVEN);
        String family = pick(FAMILY);
        HumanName name = p.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(family).addGiven(given);
        name.setText(given + " " + family);
        p.setGender(random.nextBoolean() ? Enumerations.AdministrativeGender.FEMALE : Enumerations.AdministrativeGender.MALE);
        p.setBirthDateElement(new DateType(LocalDate.of(1930, 1, 1).plusDays(random.nextInt(90 * 365)).toString()));
        p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(String.format("+1-555-%04d", random.nextInt(10000)));
        p.addGeneralPractitioner(new Reference(pick(staff)));
        return p;
    }

    private Task task(String patient, List<String> staff) {
        String[] code = TASK_CODES[random.nextInt(TASK_CODES.length)];
        Task t = new Task().setStatus(TASK_STATUS[random.nextInt(TASK_STATUS.length)]).setIntent(Task.TaskIntent.ORDER);
        t.setPriority(random.nextInt(5) == 0 ? Task.TaskPriority.URGENT : Task.TaskPriority.ROUTINE);
        t.setCode(new CodeableConcept(new Coding("https://panels.dev/task-type", code[0], code[1])).setText(code[1]));
        t.setDescription(code[1]);
        t.setFor(new Reference(patient));
        t.setAuthoredOnElement(new DateTimeType(Date.from(seededAt.minus(random.nextInt(60 * 24 * 60), ChronoUnit.MINUTES))));
        if (random.nextInt(10) < 4) {
            t.setOwner(new Reference(pick(staff)));
        }
        if (random.nextInt(4) == 0) {
            t.addNote(new Annotation().setText("Left a voicemail; try again tomorrow."));
        }
        return t;
    }

    private Appointment appointment(String patient, List<String> staff, List<String> locations) {
        // Within 30 days either side of the anchor day, in half-hour slots from 08:00 UTC.
        Instant start = seededAt.plus(random.nextInt(61) - 30, ChronoUnit.DAYS)
                .plus(8 * 60 + random.nextInt(18) * 30, ChronoUnit.MINUTES);
        Appointment a = new Appointment().setStatus(APPT_STATUS[random.nextInt(APPT_STATUS.length)]);
        a.setStart(Date.from(start)).setEnd(Date.from(start.plus(30, ChronoUnit.MINUTES)));
        a.setAppointmentType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0276",
                random.nextBoolean() ? "ROUTINE" : "FOLLOWUP", null)));
        a.setDescription("Visit");
        a.addParticipant().setActor(new Reference(patient)).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        a.addParticipant().setActor(new Reference(pick(staff))).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        a.addParticipant().setActor(new Reference(locations.get(random.nextInt(locations.size()))))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        return a;
    }

    private Encounter encounter(String patient, List<String> staff) {
        Instant start = seededAt.minus(1 + random.nextInt(365), ChronoUnit.DAYS).plus(9, ChronoUnit.HOURS);
        Encounter e = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED);
        e.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        e.setSubject(new Reference(patient));
        e.addParticipant().setIndividual(new Reference(pick(staff)));
        e.setPeriod(new Period().setStart(Date.from(start)).setEnd(Date.from(start.plus(40, ChronoUnit.MINUTES))));
        return e;
    }

    private Observation observation(String patient, String encounter) {
        String[] vital = VITALS[random.nextInt(VITALS.length)];
        Observation o = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", null)));
        o.setCode(new CodeableConcept(new Coding("http://loinc.org", vital[0], vital[1])).setText(vital[1]));
        o.setSubject(new Reference(patient)).setEncounter(new Reference(encounter));
        o.setEffective(new DateTimeType(Date.from(seededAt.minus(1 + random.nextInt(365), ChronoUnit.DAYS))));
        o.setValue(new Quantity().setValue(40 + random.nextInt(140)).setUnit(vital[2]).setSystem("http://unitsofmeasure.org").setCode(vital[2]));
        return o;
    }

    /** Stores with a deterministic id and timestamp; returns {@code Type/id}. */
    private String save(String project, Resource r) {
        int n = ++counter;
        String id = id(r.fhirType(), Integer.toString(n));
        store.create(project, r, id, seededAt.minus(n, ChronoUnit.SECONDS));
        return r.fhirType() + "/" + id;
    }

    private String id(String kind, String key) {
        return UUID.nameUUIDFromBytes((seed + ":" + kind + ":" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
