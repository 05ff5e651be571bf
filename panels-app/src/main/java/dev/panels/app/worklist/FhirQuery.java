package dev.panels.app.worklist;

import dev.panels.app.panel.ColumnType;
import dev.panels.app.panel.DateRange;
import dev.panels.app.panel.RowType;
import dev.panels.app.panel.ViewDefinition.Direction;
import dev.panels.app.panel.ViewDefinition.Filter;
import dev.panels.app.panel.ViewDefinition.Operator;
import dev.panels.app.panel.ViewDefinition.Sort;
import dev.panels.app.panel.WorklistPlan;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a worklist plan into one FHIR search. The cohort rule always applies; filters and the sort go
 * into the search when their column names a search parameter, otherwise they are applied by the app
 * to the fetched page (reported back, so clients know the page may hold fewer rows).
 */
public record FhirQuery(String url, List<Filter> pageFilters, Sort pageSort) {

    public static FhirQuery build(WorklistPlan plan, List<Filter> filters, Sort sort, int page, int size, LocalDate today) {
        return build(plan, Map.of(), filters, sort, page, size, today);
    }

    /** {@code criteria}: search parameters added to the cohort rule's, e.g. {@code owner} for "My tasks". */
    public static FhirQuery build(WorklistPlan plan, Map<String, String> criteria, List<Filter> filters, Sort sort, int page, int size,
                                  LocalDate today) {
        RowType type = plan.rowType();
        List<String[]> params = new ArrayList<>();
        for (Map.Entry<String, String> criterion : plan.cohortRule().criteriaFor(type).entrySet()) {
            params.add(new String[]{criterion.getKey(), criterion.getValue()});
        }
        criteria.forEach((name, value) -> params.add(new String[]{name, value}));
        List<Filter> pageFilters = new ArrayList<>();
        for (Filter filter : filters) {
            WorklistPlan.ColumnSpec column = plan.column(filter.column()).orElse(null);
            if (column == null || column.searchParam() == null || !pushFilter(column, filter, params, today)) {
                pageFilters.add(filter);
            }
        }
        Sort pageSort = null;
        if (sort != null) {
            String param = plan.column(sort.column()).map(WorklistPlan.ColumnSpec::searchParam).orElse(null);
            if (param != null) {
                params.add(new String[]{"_sort", (sort.direction() == Direction.DESC ? "-" : "") + param});
            } else {
                pageSort = sort;
            }
        }
        params.add(new String[]{"_count", Integer.toString(size)});
        params.add(new String[]{"_offset", Integer.toString(page * size)});
        switch (type) {
            case PATIENT -> params.add(new String[]{"_revinclude", "Task:patient"});
            case TASK -> {
                params.add(new String[]{"_include", "Task:patient"});
                params.add(new String[]{"_include", "Task:owner"});
            }
            case APPOINTMENT -> {
                params.add(new String[]{"_include", "Appointment:patient"});
                params.add(new String[]{"_include", "Appointment:location"});
            }
        }
        StringBuilder url = new StringBuilder(type.resourceType()).append('?');
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                url.append('&');
            }
            url.append(params.get(i)[0]).append('=').append(URLEncoder.encode(params.get(i)[1], StandardCharsets.UTF_8));
        }
        return new FhirQuery(url.toString(), List.copyOf(pageFilters), pageSort);
    }

    /** How many resources of {@code type} the cohort holds: a {@code _summary=count} search, no rows fetched. */
    public static String count(RowType type, Map<String, String> criteria) {
        StringBuilder url = new StringBuilder(type.resourceType()).append('?');
        criteria.forEach((name, value) -> url.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
        return url.append("_summary=count").toString();
    }

    private static boolean pushFilter(WorklistPlan.ColumnSpec column, Filter filter, List<String[]> params, LocalDate today) {
        String param = column.searchParam();
        if (filter.operator() == Operator.DATE_RANGE) {
            DateRange range = DateRange.parse(filter.value(), today).orElse(null);
            if (range == null) {
                return false;
            }
            if (range.from() != null) {
                params.add(new String[]{param, "ge" + range.from()});
            }
            if (range.to() != null) {
                params.add(new String[]{param, "le" + range.to()});
            }
            return true;
        }
        boolean text = column.type() == ColumnType.TEXT;
        if (filter.operator() == Operator.CONTAINS) {
            if (!text) {
                return false;
            }
            params.add(new String[]{param + ":contains", filter.value()});
            return true;
        }
        params.add(new String[]{text ? param + ":exact" : param, filter.value()});
        return true;
    }
}
