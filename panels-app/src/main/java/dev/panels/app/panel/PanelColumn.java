package dev.panels.app.panel;

import dev.panels.app.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.io.StringReader;
import java.util.List;
import java.util.UUID;

/** One column of a panel; created and changed only through its {@link Panel}, which keeps keys unique. */
@Entity
@Table(name = "panel_column")
public class PanelColumn {

    @Id
    @Column(length = 36)
    private String id;

    @Version
    private long version;

    @ManyToOne(optional = false)
    @JoinColumn(name = "panel_id", nullable = false, updatable = false)
    private Panel panel;

    @Column(name = "column_key", nullable = false, length = 63)
    private String key;

    @Column(nullable = false, length = ColumnDraft.MAX_LABEL)
    private String label;

    @Enumerated(EnumType.STRING)
    @Column(name = "column_type", nullable = false, length = 20)
    private ColumnType type;

    @Enumerated(EnumType.STRING)
    @Column(name = "row_type", nullable = false, length = 20)
    private RowType rowType;

    @Column(nullable = false, length = ColumnDraft.MAX_EXPRESSION)
    private String expression;

    @Column(name = "search_param", length = 64)
    private String searchParam;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false)
    private int width;

    @Column(nullable = false)
    private boolean hidden;

    @Column(nullable = false)
    private boolean locked;

    /** JSON array text. */
    @Column(name = "options", nullable = false, length = 10_000)
    private String options;

    protected PanelColumn() {
        // JPA
    }

    PanelColumn(Panel panel, ColumnDraft draft, int position) {
        this.id = UUID.randomUUID().toString();
        this.panel = panel;
        this.position = position;
        apply(draft);
    }

    void apply(ColumnDraft draft) {
        key = draft.key();
        label = draft.label();
        type = draft.type();
        rowType = draft.rowType();
        expression = draft.expression();
        searchParam = draft.searchParam();
        width = draft.width();
        hidden = draft.hidden();
        locked = draft.locked();
        JsonArrayBuilder array = Jsonp.createArrayBuilder();
        draft.options().forEach(array::add);
        options = array.build().toString();
    }

    void position(int position) {
        this.position = position;
    }

    public String id() { return id; }
    public long version() { return version; }
    public Panel panel() { return panel; }
    public String key() { return key; }
    public String label() { return label; }
    public ColumnType type() { return type; }
    public RowType rowType() { return rowType; }
    public String expression() { return expression; }
    public String searchParam() { return searchParam; }
    public int position() { return position; }
    public int width() { return width; }
    public boolean hidden() { return hidden; }
    public boolean locked() { return locked; }

    public List<String> options() {
        try (var reader = Jsonp.createReader(new StringReader(options))) {
            return reader.readArray().getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
        }
    }
}
