package dev.panels.app.panel;

import dev.panels.app.problem.InvalidInput;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A configurable worklist of one organization. Keeps its own invariants: a valid name, at least one
 * data source, a cohort rule only for its data sources, unique column keys, and always an owner.
 */
@Entity
@Table(name = "panel")
public class Panel {

    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_COLUMNS = 100;

    @Id
    @Column(length = 36)
    private String id;

    @Version
    private long version;

    @Column(name = "organization_id", nullable = false, length = 128, updatable = false)
    private String organizationId;

    @Column(name = "owner_subject", nullable = false, length = 255)
    private String ownerSubject;

    @Column(nullable = false, length = MAX_NAME)
    private String name;

    @Column(length = MAX_DESCRIPTION)
    private String description;

    /** Enum names, comma separated: portable and readable in SQL. */
    @Column(name = "data_sources", nullable = false, length = 100)
    private String dataSources;

    /** JSON text (see {@link CohortRule}). */
    @Column(name = "cohort_rule", nullable = false, length = 100_000)
    private String cohortRule;

    @Column(name = "created_at", nullable = false, updatable = false)
    private LocalDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private LocalDateTime updatedAt;

    @OneToMany(mappedBy = "panel", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position ASC")
    private List<PanelColumn> columns = new ArrayList<>();

    @OneToMany(mappedBy = "panel", cascade = CascadeType.ALL, orphanRemoval = true)
    private List<PanelGrant> grants = new ArrayList<>();

    @OneToMany(mappedBy = "panel", cascade = CascadeType.ALL, orphanRemoval = true)
    private List<PanelView> views = new ArrayList<>();

    protected Panel() {
        // JPA
    }

    /** The creator becomes the owner. */
    public static Panel create(String organizationId, String ownerSubject, PanelDraft draft, Clock clock) {
        Panel panel = new Panel();
        panel.id = UUID.randomUUID().toString();
        panel.organizationId = require(organizationId);
        panel.ownerSubject = require(ownerSubject);
        panel.apply(draft);
        panel.createdAt = now(clock);
        panel.updatedAt = panel.createdAt;
        panel.grants.add(new PanelGrant(panel, ownerSubject, AccessLevel.OWNER));
        return panel;
    }

    /** Replaces the editable fields; the draft was checked when it was built. */
    public void update(PanelDraft draft, Clock clock) {
        apply(draft);
        updatedAt = now(clock);
    }

    private void apply(PanelDraft draft) {
        name = draft.name();
        description = draft.description();
        dataSources = draft.dataSources().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        cohortRule = draft.cohortRule().toJson().toString();
    }

    /** The caller's level: explicit grant to them, the organization-wide grant, or none. */
    public Optional<AccessLevel> accessOf(String subject) {
        return grants.stream()
                .filter(g -> g.principal().equals(subject) || g.principal().equals(PanelGrant.EVERYONE))
                .map(PanelGrant::level)
                .max(Enum::compareTo);
    }

    /** Replaces all sharing; the owner keeps ownership whatever the list says. */
    public void replaceGrants(List<PanelGrant.Spec> specs) {
        grants.clear();
        grants.add(new PanelGrant(this, ownerSubject, AccessLevel.OWNER));
        for (PanelGrant.Spec spec : specs) {
            if (!spec.principal().equals(ownerSubject)) {
                grants.add(new PanelGrant(this, spec.principal(), spec.level()));
            }
        }
    }

    public PanelColumn addColumn(ColumnDraft draft) {
        InvalidInput errors = new InvalidInput();
        errors.check(columns.size() < MAX_COLUMNS, "key", "a panel has at most " + MAX_COLUMNS + " columns");
        errors.check(column(draft.key()).isEmpty(), "key", "is already used by another column of this panel");
        errors.check(dataSourceSet().contains(draft.rowType()), "rowType", "is not a data source of this panel");
        errors.throwIfAny();
        PanelColumn column = new PanelColumn(this, draft, columns.size());
        columns.add(column);
        return column;
    }

    public void updateColumn(PanelColumn column, ColumnDraft draft) {
        InvalidInput errors = new InvalidInput();
        errors.check(column(draft.key()).map(c -> c == column).orElse(true), "key", "is already used by another column of this panel");
        errors.check(dataSourceSet().contains(draft.rowType()), "rowType", "is not a data source of this panel");
        errors.throwIfAny();
        column.apply(draft);
    }

    /** Removes a column and keeps positions dense; views that listed it simply stop showing it. */
    public void removeColumn(PanelColumn column) {
        columns.remove(column);
        for (int i = 0; i < columns.size(); i++) {
            columns.get(i).position(i);
        }
    }

    public Optional<PanelColumn> column(String key) {
        return columns.stream().filter(c -> c.key().equals(key)).findFirst();
    }

    public Optional<PanelColumn> columnById(String columnId) {
        return columns.stream().filter(c -> c.id().equals(columnId)).findFirst();
    }

    public PanelView addView(PanelView view) {
        views.add(view);
        return view;
    }

    public void removeView(PanelView view) {
        views.remove(view);
    }

    public Set<RowType> dataSourceSet() {
        EnumSet<RowType> set = EnumSet.noneOf(RowType.class);
        Arrays.stream(dataSources.split(",")).filter(s -> !s.isBlank()).map(RowType::valueOf).forEach(set::add);
        return set;
    }

    private static String require(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("organization and owner are required");
        }
        return value;
    }

    static LocalDateTime now(Clock clock) {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    public String id() { return id; }
    public long version() { return version; }
    public String organizationId() { return organizationId; }
    public String ownerSubject() { return ownerSubject; }
    public String name() { return name; }
    public String description() { return description; }
    public CohortRule cohortRule() { return CohortRule.fromStored(cohortRule); }
    public LocalDateTime createdAt() { return createdAt; }
    public LocalDateTime updatedAt() { return updatedAt; }
    public List<PanelColumn> columns() { return List.copyOf(columns); }
    public List<PanelGrant> grants() { return List.copyOf(grants); }
    public List<PanelView> views() { return List.copyOf(views); }
}
