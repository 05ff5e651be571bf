package dev.panels.emulator.medplum;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The resources of every project, in memory, with their version history. Medplum keeps each resource in one
 * project ({@code meta.project}); HAPI's R4 {@code Meta} has no such field, so the project is also shown as a
 * {@code meta.tag} with system {@value #PROJECT_TAG_SYSTEM} (the project's id as code). The store, not the tag,
 * is authoritative: a tag a client sends is replaced.
 *
 * <p>Stored objects are never changed after they are stored; callers get copies, so HAPI's response handling
 * cannot touch the store.
 */
final class FhirStore {

    static final String PROJECT_TAG_SYSTEM = "https://medplum.com/project";

    /** One resource's versions, oldest first, in one project. */
    private static final class Entry {
        final String project;
        final List<Resource> versions = new ArrayList<>();
        boolean deleted;

        Entry(String project) {
            this.project = project;
        }

        Resource current() {
            return versions.get(versions.size() - 1);
        }
    }

    /** What a read finds: the resource, nothing, or a deleted resource (410 in FHIR). */
    sealed interface Found permits Found.Present, Found.Missing, Found.Gone {
        record Present(Resource resource) implements Found { }
        record Missing() implements Found { }
        record Gone() implements Found { }
    }

    private final Map<String, LinkedHashMap<String, Entry>> byType = new HashMap<>();

    synchronized Resource create(String project, Resource resource, Instant now) {
        return create(project, resource, UUID.randomUUID().toString(), now);
    }

    /** Stores a new resource with the given id (the seed uses deterministic ids). */
    synchronized Resource create(String project, Resource resource, String id, Instant now) {
        String type = resource.fhirType();
        Entry entry = new Entry(project);
        byType.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(id, entry);
        Resource stored = stamp(resource, project, type, id, 1, now);
        entry.versions.add(stored);
        return stored.copy();
    }

    synchronized Found read(String project, String type, String id, String versionId) {
        Entry entry = entry(project, type, id);
        if (entry == null) {
            return new Found.Missing();
        }
        if (versionId != null) {
            return entry.versions.stream()
                    .filter(v -> versionId.equals(v.getMeta().getVersionId()))
                    .findFirst()
                    .<Found>map(v -> new Found.Present(v.copy()))
                    .orElse(new Found.Missing());
        }
        return entry.deleted ? new Found.Gone() : new Found.Present(entry.current().copy());
    }

    /** Outcome of an update: the new version, or why not. */
    sealed interface Updated permits Updated.Done, Updated.NotFound, Updated.VersionConflict {
        record Done(Resource resource) implements Updated { }
        record NotFound() implements Updated { }
        record VersionConflict(String currentVersion) implements Updated { }
    }

    /** {@code expectedVersion} (from If-Match) null means unconditional. */
    synchronized Updated update(String project, Resource resource, String id, String expectedVersion, Instant now) {
        String type = resource.fhirType();
        Entry entry = entry(project, type, id);
        if (entry == null || entry.deleted) {
            return new Updated.NotFound();
        }
        String current = entry.current().getMeta().getVersionId();
        if (expectedVersion != null && !expectedVersion.equals(current)) {
            return new Updated.VersionConflict(current);
        }
        Resource stored = stamp(resource, project, type, id, entry.versions.size() + 1, now);
        entry.versions.add(stored);
        return new Updated.Done(stored.copy());
    }

    synchronized boolean delete(String project, String type, String id) {
        Entry entry = entry(project, type, id);
        if (entry == null || entry.deleted) {
            return false;
        }
        entry.deleted = true;
        return true;
    }

    /** Current versions of a project's live resources of one type, in insertion order (read-only objects). */
    synchronized List<Resource> all(String project, String type) {
        LinkedHashMap<String, Entry> entries = byType.get(type);
        if (entries == null) {
            return List.of();
        }
        List<Resource> result = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (!e.deleted && e.project.equals(project)) {
                result.add(e.current());
            }
        }
        return result;
    }

    synchronized Optional<Resource> current(String project, String type, String id) {
        Entry entry = entry(project, type, id);
        return entry == null || entry.deleted ? Optional.empty() : Optional.of(entry.current());
    }

    synchronized int count(String type) {
        LinkedHashMap<String, Entry> entries = byType.get(type);
        return entries == null ? 0 : entries.size();
    }

    /** A resource of another project is reported as absent: tenants cannot probe each other's ids. */
    private Entry entry(String project, String type, String id) {
        LinkedHashMap<String, Entry> entries = byType.get(type);
        Entry entry = entries == null ? null : entries.get(id);
        return entry != null && entry.project.equals(project) ? entry : null;
    }

    private static Resource stamp(Resource resource, String project, String type, String id, int version, Instant now) {
        Resource stored = resource.copy();
        stored.setId(type + "/" + id + "/_history/" + version);
        stored.getMeta().setVersionId(Integer.toString(version));
        stored.getMeta().setLastUpdated(Date.from(now));
        stored.getMeta().getTag().removeIf(t -> PROJECT_TAG_SYSTEM.equals(t.getSystem()));
        stored.getMeta().addTag(new Coding(PROJECT_TAG_SYSTEM, project, null));
        return stored;
    }
}
