package dev.panels.app.worklist;

import org.hl7.fhir.r4.model.Resource;

import java.util.List;
import java.util.Map;

/** One worklist row: its primary resource and the related resources columns may read, by type. */
public record Row(Resource primary, Map<String, List<Resource>> related) {

    /** The resources of one type in this row (the primary one included). */
    public List<Resource> ofType(String resourceType) {
        if (primary.fhirType().equals(resourceType)) {
            return List.of(primary);
        }
        return related.getOrDefault(resourceType, List.of());
    }
}
