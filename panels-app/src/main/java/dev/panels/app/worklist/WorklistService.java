package dev.panels.app.worklist;

import dev.panels.app.PanelsConfig;
import dev.panels.app.audit.AuditTrail;
import dev.panels.app.auth.CurrentUser;
import dev.panels.app.medplum.Fhir;
import dev.panels.app.medplum.MedplumGateway;
import dev.panels.app.panel.PanelService;
import dev.panels.app.panel.ViewDefinition.Filter;
import dev.panels.app.panel.ViewDefinition.Sort;
import dev.panels.app.panel.WorklistPlan;
import dev.panels.app.problem.InvalidInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.panels.app.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.hl7.fhir.r4.model.Bundle;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a panel's worklist: the plan from the database (short transaction), one FHIR search at
 * Medplum with the caller's own Medplum token (no database connection held meanwhile), then rows
 * with the panel's columns computed.
 */
@ApplicationScoped
public class WorklistService {

    @Inject
    PanelService panels;

    @Inject
    MedplumGateway medplum;

    @Inject
    Fhir fhir;

    @Inject
    CurrentUser user;

    @Inject
    AuditTrail audit;

    @Inject
    PanelsConfig config;

    @Inject
    Clock clock;

    /** Row counts per data source (the worklist's tabs), each from a count-only search at Medplum. */
    public JsonObject counts(String panelId) {
        var cohorts = panels.cohorts(panelId);
        String token = user.medplumAccess();
        JsonObjectBuilder counts = Jsonp.createObjectBuilder();
        cohorts.forEach((type, criteria) -> {
            Bundle bundle = medplum.search(token, FhirQuery.count(type, criteria));
            if (bundle.hasTotal()) {
                counts.add(type.key(), bundle.getTotal());
            } else {
                counts.addNull(type.key());
            }
        });
        audit.success("worklist.count", "panel", panelId);
        return Jsonp.createObjectBuilder().add("panelId", panelId).add("counts", counts).build();
    }

    /** {@code mine}: only Tasks assigned to the caller (the built-in "My tasks" filter). */
    public JsonObject rows(String panelId, String viewId, String type, int page, int size, List<String> filterParams, String sortParam,
                           boolean mine) {
        InvalidInput errors = new InvalidInput();
        errors.check(page >= 0 && page <= 10_000, "page", "must be between 0 and 10000");
        errors.check(size >= 1 && size <= config.maxPageSize(), "size", "must be between 1 and " + config.maxPageSize());
        errors.throwIfAny();
        WorklistPlan plan = panels.plan(panelId, viewId, type);
        List<Filter> filters = new ArrayList<>(plan.view().filters());
        filters.addAll(RowRequest.filters(filterParams, plan));
        Sort sort = sortParam == null || sortParam.isBlank() ? plan.view().sort() : RowRequest.sort(sortParam, plan);
        java.util.Map<String, String> criteria = mine ? java.util.Map.of("owner", myPractitioner(plan)) : java.util.Map.of();
        String token = user.medplumAccess();

        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        FhirQuery query = FhirQuery.build(plan, criteria, filters, sort, page, size, today);
        Bundle bundle = medplum.search(token, query.url());
        List<Row> rows = RowAssembler.rows(bundle, plan.rowType());

        ColumnEvaluator evaluator = new ColumnEvaluator(fhir.newFhirPath(today), config.columnEvaluationBudget());
        List<JsonObject> computed = new ArrayList<>();
        for (Row row : rows) {
            computed.add(RowRequest.compute(evaluator, row, plan));
        }
        List<JsonObject> shown = RowRequest.applyOnPage(computed, query.pageFilters(), query.pageSort(), plan, today);
        audit.success("worklist.read", "panel", panelId);

        JsonArrayBuilder columns = Jsonp.createArrayBuilder();
        plan.columns().stream().filter(WorklistPlan.ColumnSpec::shown).forEach(c -> columns.add(Jsonp.createObjectBuilder().add("key", c.key()).add("label", c.label())
                .add("type", c.type().name().toLowerCase(java.util.Locale.ROOT))));
        JsonArrayBuilder out = Jsonp.createArrayBuilder();
        shown.forEach(row -> out.add(RowRequest.withoutHiddenColumns(row, plan)));
        JsonObjectBuilder result = Jsonp.createObjectBuilder()
                .add("panelId", plan.panelId())
                .add("rowType", plan.rowType().key())
                .add("page", page)
                .add("size", size)
                .add("columns", columns)
                .add("rows", out)
                // True when some filter or the sort could only be applied to this page, not by Medplum.
                .add("filteredOnPage", !query.pageFilters().isEmpty() || query.pageSort() != null);
        if (bundle.hasTotal()) {
            result.add("total", bundle.getTotal());
        }
        result.add("hasNext", bundle.getLink(Bundle.LINK_NEXT) != null);
        result.add("mine", mine);
        return result.build();
    }

    private String myPractitioner(WorklistPlan plan) {
        InvalidInput errors = new InvalidInput();
        errors.check(plan.rowType() == dev.panels.app.panel.RowType.TASK, "mine", "applies to task rows only");
        errors.check(user.fhirUser().isPresent(), "mine", "needs your Practitioner, and your sign-in names none");
        errors.throwIfAny();
        return user.fhirUser().orElseThrow();
    }
}
