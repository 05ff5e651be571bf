package dev.panels.app.panel;

import dev.panels.app.audit.AuditTrail;
import dev.panels.app.auth.Permission;
import dev.panels.app.problem.InvalidInput;
import dev.panels.app.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.panels.app.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Columns of a panel: reading needs viewer access, changing needs editor access and panel:update. */
@ApplicationScoped
@Transactional
public class ColumnService {

    @PersistenceContext(unitName = "panels")
    EntityManager em;

    @Inject
    PanelService panels;

    @Inject
    AuditTrail audit;

    @Inject
    ExpressionChecker expressions;

    public JsonArray list(String panelId) {
        Panel panel = panels.find(panelId, AccessLevel.VIEWER, Permission.PANEL_READ, "column.list");
        JsonArrayBuilder out = Jsonp.createArrayBuilder();
        panel.columns().forEach(c -> out.add(PanelJson.column(c)));
        audit.success("column.list", "panel", panelId);
        return out.build();
    }

    public Versioned get(String panelId, String columnId) {
        Panel panel = panels.find(panelId, AccessLevel.VIEWER, Permission.PANEL_READ, "column.read");
        PanelColumn column = column(panel, columnId);
        audit.success("column.read", "column", columnId);
        return new Versioned(PanelJson.column(column), column.version());
    }

    public Versioned create(String panelId, JsonObject body) {
        Panel panel = panels.find(panelId, AccessLevel.EDITOR, Permission.PANEL_UPDATE, "column.create");
        PanelColumn column = panel.addColumn(checked(ColumnDraft.from(body)));
        em.flush();
        audit.changed(panelId, "column.create", "column", column.id(), describe(column));
        return new Versioned(PanelJson.column(column), column.version());
    }

    public Versioned update(String panelId, String columnId, String ifMatch, JsonObject body) {
        Panel panel = panels.find(panelId, AccessLevel.EDITOR, Permission.PANEL_UPDATE, "column.update");
        PanelColumn column = column(panel, columnId);
        Etags.requireMatch(ifMatch, column.version());
        panel.updateColumn(column, checked(ColumnDraft.from(body)));
        em.flush();
        audit.changed(panelId, "column.update", "column", columnId, describe(column));
        return new Versioned(PanelJson.column(column), column.version());
    }

    public void delete(String panelId, String columnId, String ifMatch) {
        Panel panel = panels.find(panelId, AccessLevel.EDITOR, Permission.PANEL_UPDATE, "column.delete");
        PanelColumn column = column(panel, columnId);
        Etags.requireMatch(ifMatch, column.version());
        String removed = describe(column);
        panel.removeColumn(column);
        audit.changed(panelId, "column.delete", "column", columnId, removed);
    }

    private ColumnDraft checked(ColumnDraft draft) {
        expressions.problem(draft.expression()).ifPresent(problem -> {
            throw InvalidInput.of("expression", problem);
        });
        return draft;
    }

    private static PanelColumn column(Panel panel, String columnId) {
        return panel.columnById(columnId).orElseThrow(() -> ProblemException.notFound("Column"));
    }

    /** How the change history names a column. */
    private static String describe(PanelColumn column) {
        return "column \"" + column.label() + "\" (" + column.key() + ", " + column.rowType().key() + " rows)";
    }
}
