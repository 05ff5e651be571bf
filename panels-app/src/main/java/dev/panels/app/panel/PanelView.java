package dev.panels.app.panel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.util.UUID;

/** A saved view of a panel: private to its owner or shared with everyone who can read the panel. */
@Entity
@Table(name = "panel_view")
public class PanelView {

    public static final int MAX_NAME = 100;

    @Id
    @Column(length = 36)
    private String id;

    @Version
    private long version;

    @ManyToOne(optional = false)
    @JoinColumn(name = "panel_id", nullable = false, updatable = false)
    private Panel panel;

    @Column(name = "owner_subject", nullable = false, length = 255, updatable = false)
    private String ownerSubject;

    @Column(nullable = false, length = MAX_NAME)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "row_type", nullable = false, length = 20)
    private RowType rowType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Visibility visibility;

    /** JSON text (see {@link ViewDefinition}). */
    @Column(nullable = false, length = 100_000)
    private String definition;

    protected PanelView() {
        // JPA
    }

    public PanelView(Panel panel, String ownerSubject, ViewDraft draft) {
        this.id = UUID.randomUUID().toString();
        this.panel = panel;
        this.ownerSubject = ownerSubject;
        apply(draft);
    }

    public void apply(ViewDraft draft) {
        if (!panel.dataSourceSet().contains(draft.rowType())) {
            throw dev.panels.app.problem.InvalidInput.of("rowType", "is not a data source of this panel");
        }
        name = draft.name();
        rowType = draft.rowType();
        visibility = draft.visibility();
        definition = draft.definition().toJson().toString();
    }

    public boolean visibleTo(String subject) {
        return visibility == Visibility.ORGANIZATION || ownerSubject.equals(subject);
    }

    public String id() { return id; }
    public long version() { return version; }
    public Panel panel() { return panel; }
    public String ownerSubject() { return ownerSubject; }
    public String name() { return name; }
    public RowType rowType() { return rowType; }
    public Visibility visibility() { return visibility; }
    public ViewDefinition definition() { return ViewDefinition.fromStored(definition); }
}
