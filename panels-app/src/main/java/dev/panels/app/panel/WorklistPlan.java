package dev.panels.app.panel;

import java.util.List;

/** What a worklist request needs from the database, read in one short transaction before calling Medplum. */
public record WorklistPlan(String panelId, RowType rowType, CohortRule cohortRule, List<ColumnSpec> columns,
                           ViewDefinition view) {

    public WorklistPlan {
        columns = List.copyOf(columns);
    }

    /** {@code shown}: part of the response; other columns serve only filters and sort. */
    public record ColumnSpec(String key, String label, ColumnType type, String expression, String searchParam, boolean shown) {
    }

    public java.util.Optional<ColumnSpec> column(String key) {
        return columns.stream().filter(c -> c.key().equals(key)).findFirst();
    }
}
