package dev.panels.emulator.medplum;


import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import dev.panels.emulator.common.QueryStrings;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Read, vread, create (also conditional, {@code If-None-Exist}), update (with {@code If-Match}), delete and search
 * for one resource type, always within the caller's project (see {@link BearerAuthInterceptor}).
 */
final class ProjectResourceProvider<T extends Resource> implements IResourceProvider {

    private final Class<T> type;
    private final String typeName;
    private final FhirStore store;
    private final Clock clock;
    private final RestHooks hooks;

    ProjectResourceProvider(Class<T> type, String typeName, FhirStore store, Clock clock, RestHooks hooks) {
        this.hooks = hooks;
        this.type = type;
        this.typeName = typeName;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return type;
    }

    @Read(version = true)
    public T read(@IdParam IdType id, RequestDetails request) {
        String project = AuthContext.of(request).projectId();
        FhirStore.Found found = store.read(project, typeName, id.getIdPart(), id.getVersionIdPart());
        if (found instanceof FhirStore.Found.Present present) {
            return type.cast(present.resource());
        }
        if (found instanceof FhirStore.Found.Gone) {
            throw new ResourceGoneException("Deleted");
        }
        throw new ResourceNotFoundException("Not found");
    }

    @Create
    public MethodOutcome create(@ResourceParam T resource, @ConditionalUrlParam String ifNoneExist, RequestDetails request) {
        String project = AuthContext.of(request).projectId();
        if (ifNoneExist != null && !ifNoneExist.isBlank()) {
            List<Resource> existing = matching(project, conditionParams(ifNoneExist));
            if (existing.size() > 1) {
                throw new PreconditionFailedException("Multiple resources found matching " + ifNoneExist);
            }
            if (existing.size() == 1) {
                Resource found = existing.get(0).copy();
                return new MethodOutcome(found.getIdElement(), false).setResource(found);
            }
        }
        if (resource instanceof org.hl7.fhir.r4.model.Subscription subscription) {
            RestHooks.check(subscription);
        }
        Resource created = store.create(project, resource, clock.instant());
        hooks.changed(project, created, "create");
        return new MethodOutcome(created.getIdElement(), true).setResource(created);
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam T resource, RequestDetails request) {
        String project = AuthContext.of(request).projectId();
        if (resource instanceof org.hl7.fhir.r4.model.Subscription subscription) {
            RestHooks.check(subscription);
        }
        // HAPI puts an If-Match version onto the id; without the header the update is unconditional.
        FhirStore.Updated updated = store.update(project, resource, id.getIdPart(), id.getVersionIdPart(), clock.instant());
        if (updated instanceof FhirStore.Updated.Done done) {
            hooks.changed(project, done.resource(), "update");
            return new MethodOutcome(done.resource().getIdElement(), false).setResource(done.resource());
        }
        if (updated instanceof FhirStore.Updated.VersionConflict conflict) {
            throw new PreconditionFailedException("Version mismatch: If-Match " + id.getVersionIdPart()
                    + ", current version " + conflict.currentVersion());
        }
        throw new ResourceNotFoundException("Not found");
    }

    @Delete
    public MethodOutcome delete(@IdParam IdType id, RequestDetails request) {
        String project = AuthContext.of(request).projectId();
        java.util.Optional<Resource> current = store.current(project, typeName, id.getIdPart());
        if (current.isEmpty() || !store.delete(project, typeName, id.getIdPart())) {
            throw new ResourceNotFoundException("Not found");
        }
        hooks.changed(project, current.get(), "delete");
        return new MethodOutcome(id.toVersionless());
    }

    /** Every parameter is checked by {@link SearchQuery}; HAPI's own binding would need one method per combination. */
    @Search(allowUnknownParams = true)
    public IBundleProvider search(RequestDetails request) {
        String project = AuthContext.of(request).projectId();
        SearchQuery query = SearchQuery.parse(typeName, request.getParameters());
        List<Resource> matches = store.all(project, typeName).stream().filter(query::matches).sorted(query.order()).toList();
        int from = Math.min(query.offset, matches.size());
        int to = Math.min(from + query.count, matches.size());
        List<IBaseResource> page = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Resource r : matches.subList(from, to)) {
            Resource copy = r.copy();
            ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(copy, BundleEntrySearchModeEnum.MATCH);
            page.add(copy);
            seen.add(typeName + "/" + r.getIdElement().getIdPart());
        }
        page.addAll(includes(project, query, matches.subList(from, to), seen));
        SimpleBundleProvider result = new SimpleBundleProvider(page);
        // Offset paging as Medplum does (_offset links): HAPI builds next/previous links from these.
        result.setCurrentPageOffset(from);
        result.setCurrentPageSize(query.count);
        result.setSize(matches.size());
        return result;
    }

    private List<IBaseResource> includes(String project, SearchQuery query, List<Resource> pageMatches, Set<String> seen) {
        List<IBaseResource> out = new ArrayList<>();
        for (SearchQuery.Include inc : query.includes) {
            for (Resource r : pageMatches) {
                for (String ref : inc.param().strings(r)) {
                    String[] parts = ref.split("/");
                    if (parts.length < 2) {
                        continue;
                    }
                    String targetType = parts[parts.length - 2];
                    String key = targetType + "/" + parts[parts.length - 1];
                    if ((inc.targetType() == null || inc.targetType().equals(targetType)) && seen.add(key)) {
                        store.current(project, targetType, parts[parts.length - 1]).ifPresent(t -> out.add(included(t)));
                    }
                }
            }
        }
        for (SearchQuery.Include rev : query.revIncludes) {
            Set<String> targets = new LinkedHashSet<>();
            pageMatches.forEach(r -> targets.add(typeName + "/" + r.getIdElement().getIdPart()));
            for (Resource candidate : store.all(project, rev.sourceType())) {
                boolean points = rev.param().strings(candidate).stream().anyMatch(targets::contains);
                if (points && seen.add(rev.sourceType() + "/" + candidate.getIdElement().getIdPart())) {
                    out.add(included(candidate));
                }
            }
        }
        return out;
    }

    private static Resource included(Resource r) {
        Resource copy = r.copy();
        ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(copy, BundleEntrySearchModeEnum.INCLUDE);
        return copy;
    }

    private List<Resource> matching(String project, Map<String, String[]> params) {
        SearchQuery query = SearchQuery.parse(typeName, params);
        if (query.criteria.isEmpty()) {
            throw new InvalidRequestException("If-None-Exist needs at least one search criterion");
        }
        return store.all(project, typeName).stream().filter(query::matches).toList();
    }

    /** HAPI hands over {@code Type?a=b&c=d} (or just the query) from If-None-Exist. */
    private static Map<String, String[]> conditionParams(String condition) {
        String query = condition.contains("?") ? condition.substring(condition.indexOf('?') + 1) : condition;
        Map<String, String[]> result = new LinkedHashMap<>();
        QueryStrings.parse(query).forEach((k, v) -> result.put(k, v.toArray(String[]::new)));
        return result;
    }
}
