package dev.panels.app.panel;

import dev.panels.app.audit.AuditTrail;
import dev.panels.app.auth.CurrentUser;
import dev.panels.app.auth.Permission;
import dev.panels.app.problem.InvalidInput;
import dev.panels.app.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.panels.app.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Panels and their sharing. Every operation is scoped to the caller's organization and checked twice:
 * the action permission from the caller's roles (403) and the caller's level on this panel (404 when
 * they cannot see it at all, 403 when they can see but not change it).
 */
@ApplicationScoped
@Transactional
public class PanelService {

    static final int MAX_GRANTS = 200;

    @PersistenceContext(unitName = "panels")
    EntityManager em;

    @Inject
    CurrentUser user;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    public JsonArray list() {
        require(Permission.PANEL_READ, "panel.list", null);
        List<Panel> panels = em.createQuery("select p from Panel p where p.organizationId = :org order by p.name", Panel.class)
                .setParameter("org", user.organizationId())
                .getResultList();
        JsonArrayBuilder out = Jsonp.createArrayBuilder();
        for (Panel panel : panels) {
            access(panel).ifPresent(level -> out.add(PanelJson.panel(panel, level, false)));
        }
        audit.success("panel.list", "panel", null);
        return out.build();
    }

    public Versioned get(String id) {
        Panel panel = find(id, AccessLevel.VIEWER, Permission.PANEL_READ, "panel.read");
        audit.success("panel.read", "panel", id);
        return new Versioned(PanelJson.panel(panel, access(panel).orElseThrow(), true), panel.version());
    }

    public Versioned create(JsonObject body) {
        require(Permission.PANEL_CREATE, "panel.create", null);
        Panel panel = Panel.create(user.organizationId(), user.subject(), PanelDraft.from(body), clock);
        em.persist(panel);
        em.flush();
        audit.changed(panel.id(), "panel.create", "panel", panel.id(), "panel \"" + panel.name() + "\"");
        return new Versioned(PanelJson.panel(panel, AccessLevel.OWNER, true), panel.version());
    }

    public Versioned update(String id, String ifMatch, JsonObject body) {
        Panel panel = find(id, AccessLevel.EDITOR, Permission.PANEL_UPDATE, "panel.update");
        Etags.requireMatch(ifMatch, panel.version());
        PanelDraft draft = PanelDraft.from(body);
        List<String> orphaned = panel.columns().stream()
                .filter(c -> !draft.dataSources().contains(c.rowType())).map(PanelColumn::key).toList();
        if (!orphaned.isEmpty()) {
            throw InvalidInput.of("dataSources", "columns " + orphaned + " still use a removed data source");
        }
        String before = PanelJson.settings(panel);
        panel.update(draft, clock);
        em.flush();
        audit.changed(id, "panel.update", "panel", id, "settings: " + before + " → " + PanelJson.settings(panel));
        return new Versioned(PanelJson.panel(panel, access(panel).orElseThrow(), true), panel.version());
    }

    public void delete(String id, String ifMatch) {
        Panel panel = find(id, AccessLevel.OWNER, Permission.PANEL_DELETE, "panel.delete");
        Etags.requireMatch(ifMatch, panel.version());
        em.remove(panel);
        audit.success("panel.delete", "panel", id);
    }

    /**
     * The plan for one page of worklist rows: the panel's rule and columns for the row type, and the
     * named view (which then decides the row type, the visible columns, filters and sort).
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public WorklistPlan plan(String id, String viewId, String type) {
        Panel panel = find(id, AccessLevel.VIEWER, Permission.PANEL_READ, "worklist.read");
        ViewDefinition definition = new ViewDefinition(List.of(), List.of(), null);
        RowType rowType;
        if (viewId != null && !viewId.isBlank()) {
            PanelView view = panel.views().stream().filter(v -> v.id().equals(viewId) && v.visibleTo(user.subject()))
                    .findFirst().orElseThrow(() -> ProblemException.notFound("View"));
            rowType = view.rowType();
            definition = view.definition();
        } else if (type != null && !type.isBlank()) {
            InvalidInput errors = new InvalidInput();
            rowType = errors.enumValue(RowType.class, type, "type");
            errors.throwIfAny();
        } else {
            rowType = panel.dataSourceSet().iterator().next();
        }
        if (!panel.dataSourceSet().contains(rowType)) {
            throw InvalidInput.of("type", "is not a data source of this panel");
        }
        List<String> visible = definition.columns();
        // Every column of the row type is in the plan (filters and sort may use hidden ones); the shown
        // ones come first, in the view's order (or the panel's), and are flagged.
        java.util.function.Predicate<PanelColumn> shown = c -> visible.isEmpty() ? !c.hidden() : visible.contains(c.key());
        List<WorklistPlan.ColumnSpec> columns = panel.columns().stream()
                .filter(c -> c.rowType() == rowType)
                .sorted(java.util.Comparator.<PanelColumn>comparingInt(c -> shown.test(c) ? 0 : 1)
                        .thenComparingInt(c -> visible.isEmpty() ? c.position() : visible.indexOf(c.key()))
                        .thenComparingInt(PanelColumn::position))
                .map(c -> new WorklistPlan.ColumnSpec(c.key(), c.label(), c.type(), c.expression(), c.searchParam(), shown.test(c)))
                .toList();
        return new WorklistPlan(panel.id(), rowType, panel.cohortRule(), columns, definition);
    }

    /** The panel's data sources and cohort rule, for counting its rows per type. */
    public java.util.Map<RowType, java.util.Map<String, String>> cohorts(String id) {
        Panel panel = find(id, AccessLevel.VIEWER, Permission.PANEL_READ, "worklist.count");
        CohortRule rule = panel.cohortRule();
        java.util.Map<RowType, java.util.Map<String, String>> cohorts = new java.util.EnumMap<>(RowType.class);
        panel.dataSourceSet().forEach(type -> cohorts.put(type, rule.criteriaFor(type)));
        return cohorts;
    }

    /** The panel's change history, newest first; everyone who reads the panel reads it. */
    public JsonArray history(String id, int page, int size) {
        find(id, AccessLevel.VIEWER, Permission.PANEL_READ, "panel.history");
        JsonArrayBuilder out = Jsonp.createArrayBuilder();
        audit.history(user.organizationId(), id, page * size, size).forEach(r -> out.add(dev.panels.app.audit.AuditJson.record(r)));
        return out.build();
    }

    /** Replaces the panel's sharing list; only owners (and admins) may. */
    public JsonArray share(String id, JsonValue body) {
        Panel panel = find(id, AccessLevel.OWNER, Permission.PANEL_SHARE, "panel.share");
        List<PanelGrant.Spec> specs = grants(body);
        String before = PanelJson.sharing(panel);
        panel.replaceGrants(specs);
        em.flush();
        audit.changed(id, "panel.share", "panel", id, "sharing: " + before + " → " + PanelJson.sharing(panel));
        JsonArrayBuilder out = Jsonp.createArrayBuilder();
        panel.grants().forEach(g -> out.add(PanelJson.grant(g)));
        return out.build();
    }

    private static List<PanelGrant.Spec> grants(JsonValue body) {
        InvalidInput errors = new InvalidInput();
        List<PanelGrant.Spec> specs = new ArrayList<>();
        if (!(InvalidInput.body(body) instanceof JsonArray array)) {
            throw InvalidInput.of("sharing", "must be an array of {principal, level}");
        }
        errors.check(array.size() <= MAX_GRANTS, "sharing", "at most " + MAX_GRANTS + " entries");
        for (int i = 0; i < array.size(); i++) {
            String field = "sharing[" + i + "]";
            if (!(array.get(i) instanceof JsonObject entry)) {
                errors.add(field, "must be an object with principal and level");
                continue;
            }
            String principal = errors.text(entry.get("principal") instanceof JsonString s ? s.getString() : null, field + ".principal", 255);
            AccessLevel level = errors.enumValue(AccessLevel.class, entry.getString("level", null), field + ".level");
            errors.check(!(PanelGrant.EVERYONE.equals(principal) && level == AccessLevel.OWNER), field + ".level",
                    "the whole organization cannot own a panel");
            specs.add(new PanelGrant.Spec(principal, level));
        }
        errors.throwIfAny();
        return specs;
    }

    /**
     * Loads a panel the caller may act on at {@code needed} level, or fails: 403 without the action
     * permission, 404 when the panel is not visible (missing, other organization, not shared), 403
     * when visible but the level is too low. Refusals are audited.
     */
    Panel find(String id, AccessLevel needed, Permission permission, String action) {
        require(permission, action, id);
        Panel panel = em.find(Panel.class, id);
        Optional<AccessLevel> level = panel == null ? Optional.empty() : access(panel);
        if (level.isEmpty()) {
            audit.refused(action, "panel", id, AuditTrail.Outcome.DENIED, "not visible to caller");
            throw ProblemException.notFound("Panel");
        }
        if (!level.get().includes(needed)) {
            audit.refused(action, "panel", id, AuditTrail.Outcome.DENIED, "needs " + needed + " on the panel");
            throw ProblemException.forbidden("This needs " + PanelJson.lower(needed) + " access to the panel");
        }
        return panel;
    }

    Optional<AccessLevel> access(Panel panel) {
        return PanelAccess.of(panel, user.subject(), user.organizationId(), user.permissions());
    }

    void require(Permission permission, String action, String targetId) {
        if (!user.can(permission)) {
            audit.refused(action, "panel", targetId, AuditTrail.Outcome.DENIED, "missing " + permission.value());
            throw ProblemException.forbidden("Missing permission " + permission.value());
        }
    }
}
