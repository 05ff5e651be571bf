package dev.panels.app.panel;

import dev.panels.app.audit.AuditTrail;
import dev.panels.app.auth.CurrentUser;
import dev.panels.app.auth.Permission;
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

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Saved views. Anyone who can read a panel may keep private views on it; organization-wide views
 * need editor access. A view is changed by its owner, or by a panel editor when it is shared.
 */
@ApplicationScoped
@Transactional
public class ViewService {

    @PersistenceContext(unitName = "panels")
    EntityManager em;

    @Inject
    PanelService panels;

    @Inject
    CurrentUser user;

    @Inject
    AuditTrail audit;

    public JsonArray list(String panelId) {
        Panel panel = panels.find(panelId, AccessLevel.VIEWER, Permission.PANEL_READ, "view.list");
        JsonArrayBuilder out = Jsonp.createArrayBuilder();
        panel.views().stream().filter(v -> v.visibleTo(user.subject())).forEach(v -> out.add(PanelJson.view(v)));
        audit.success("view.list", "panel", panelId);
        return out.build();
    }

    public Versioned get(String panelId, String viewId) {
        Panel panel = panels.find(panelId, AccessLevel.VIEWER, Permission.PANEL_READ, "view.read");
        PanelView view = visibleView(panel, viewId);
        audit.success("view.read", "view", viewId);
        return new Versioned(PanelJson.view(view), view.version());
    }

    /** The view a worklist request names, checked like a read. */
    public PanelView resolve(Panel panel, String viewId) {
        return visibleView(panel, viewId);
    }

    public Versioned create(String panelId, JsonObject body) {
        Panel panel = panels.find(panelId, AccessLevel.VIEWER, Permission.PANEL_READ, "view.create");
        ViewDraft draft = ViewDraft.from(body, keys(panel));
        requireShareRight(panel, draft);
        PanelView view = panel.addView(new PanelView(panel, user.subject(), draft));
        em.flush();
        record(panelId, "view.create", view, view.visibility());
        return new Versioned(PanelJson.view(view), view.version());
    }

    public Versioned update(String panelId, String viewId, String ifMatch, JsonObject body) {
        Panel panel = panels.find(panelId, AccessLevel.VIEWER, Permission.PANEL_READ, "view.update");
        PanelView view = changeableView(panel, viewId);
        Etags.requireMatch(ifMatch, view.version());
        ViewDraft draft = ViewDraft.from(body, keys(panel));
        requireShareRight(panel, draft);
        Visibility before = view.visibility();
        view.apply(draft);
        em.flush();
        record(panelId, "view.update", view, before);
        return new Versioned(PanelJson.view(view), view.version());
    }

    public void delete(String panelId, String viewId, String ifMatch) {
        Panel panel = panels.find(panelId, AccessLevel.VIEWER, Permission.PANEL_READ, "view.delete");
        PanelView view = changeableView(panel, viewId);
        Etags.requireMatch(ifMatch, view.version());
        panel.removeView(view);
        record(panelId, "view.delete", view, view.visibility());
    }

    private PanelView visibleView(Panel panel, String viewId) {
        return panel.views().stream().filter(v -> v.id().equals(viewId) && v.visibleTo(user.subject()))
                .findFirst().orElseThrow(() -> ProblemException.notFound("View"));
    }

    private PanelView changeableView(Panel panel, String viewId) {
        PanelView view = visibleView(panel, viewId);
        boolean editor = panels.access(panel).map(l -> l.includes(AccessLevel.EDITOR)).orElse(false)
                && user.can(Permission.PANEL_UPDATE);
        if (!view.ownerSubject().equals(user.subject()) && !editor) {
            throw ProblemException.forbidden("Only the view's owner or a panel editor may change it");
        }
        return view;
    }

    private void requireShareRight(Panel panel, ViewDraft draft) {
        if (draft.visibility() == Visibility.ORGANIZATION) {
            boolean editor = panels.access(panel).map(l -> l.includes(AccessLevel.EDITOR)).orElse(false);
            if (!editor || !user.can(Permission.PANEL_UPDATE)) {
                throw ProblemException.forbidden("Sharing a view with the organization needs editor access to the panel");
            }
        }
    }

    private static Set<String> keys(Panel panel) {
        return panel.columns().stream().map(PanelColumn::key).collect(Collectors.toSet());
    }

    /**
     * A shared view's changes go into the panel's change history, which everyone who reads the panel sees; a
     * private view's stay in the audit trail only (its name is its owner's business).
     */
    private void record(String panelId, String action, PanelView view, Visibility before) {
        if (before == Visibility.ORGANIZATION || view.visibility() == Visibility.ORGANIZATION) {
            audit.changed(panelId, action, "view", view.id(), "view \"" + view.name() + "\" (" + view.rowType().key() + " rows, "
                    + (view.visibility() == Visibility.ORGANIZATION ? "shared" : "now private") + ")");
        } else {
            audit.success(action, "view", view.id());
        }
    }
}
