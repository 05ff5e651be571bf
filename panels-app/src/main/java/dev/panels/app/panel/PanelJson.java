package dev.panels.app.panel;

import dev.panels.app.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.LocalDateTime;
import java.util.Locale;

/** API representations, built inside the transaction (entities never leave the service layer). */
final class PanelJson {

    private PanelJson() {
    }

    static JsonObject panel(Panel panel, AccessLevel access, boolean withDetails) {
        JsonArrayBuilder sources = Jsonp.createArrayBuilder();
        panel.dataSourceSet().forEach(s -> sources.add(s.key()));
        JsonObjectBuilder json = Jsonp.createObjectBuilder()
                .add("id", panel.id())
                .add("version", panel.version())
                .add("name", panel.name())
                .add("organization", panel.organizationId())
                .add("owner", panel.ownerSubject())
                .add("access", lower(access))
                .add("dataSources", sources)
                .add("cohortRule", panel.cohortRule().toJson())
                .add("createdAt", instant(panel.createdAt()))
                .add("updatedAt", instant(panel.updatedAt()));
        if (panel.description() != null) {
            json.add("description", panel.description());
        }
        if (withDetails) {
            JsonArrayBuilder columns = Jsonp.createArrayBuilder();
            panel.columns().forEach(c -> columns.add(column(c)));
            json.add("columns", columns);
            if (access.includes(AccessLevel.OWNER)) {
                JsonArrayBuilder grants = Jsonp.createArrayBuilder();
                panel.grants().forEach(g -> grants.add(grant(g)));
                json.add("sharing", grants);
            }
        }
        return json.build();
    }

    static JsonObject grant(PanelGrant grant) {
        return Jsonp.createObjectBuilder().add("principal", grant.principal()).add("level", lower(grant.level())).build();
    }

    static JsonObject column(PanelColumn column) {
        JsonArrayBuilder options = Jsonp.createArrayBuilder();
        column.options().forEach(options::add);
        JsonObjectBuilder json = Jsonp.createObjectBuilder()
                .add("id", column.id())
                .add("version", column.version())
                .add("key", column.key())
                .add("label", column.label())
                .add("type", lower(column.type()))
                .add("rowType", lower(column.rowType()))
                .add("expression", column.expression())
                .add("position", column.position())
                .add("width", column.width())
                .add("hidden", column.hidden())
                .add("locked", column.locked())
                .add("options", options);
        if (column.searchParam() != null) {
            json.add("searchParam", column.searchParam());
        }
        return json.build();
    }

    static JsonObject view(PanelView view) {
        return Jsonp.createObjectBuilder()
                .add("id", view.id())
                .add("version", view.version())
                .add("panelId", view.panel().id())
                .add("name", view.name())
                .add("rowType", lower(view.rowType()))
                .add("visibility", lower(view.visibility()))
                .add("owner", view.ownerSubject())
                .add("definition", view.definition().toJson())
                .build();
    }

    /** A panel's settings in one line, for its change history. */
    static String settings(Panel panel) {
        return "name \"" + panel.name() + "\", data sources " + panel.dataSourceSet().stream().map(RowType::key).sorted().toList()
                + ", cohort " + panel.cohortRule().toJson();
    }

    /** Who a panel is shared with, in one line, for its change history ("*" is everyone in the organization). */
    static String sharing(Panel panel) {
        return panel.grants().isEmpty() ? "nobody" : panel.grants().stream()
                .map(g -> (PanelGrant.EVERYONE.equals(g.principal()) ? "everyone" : g.principal()) + " " + lower(g.level()))
                .sorted().collect(java.util.stream.Collectors.joining(", "));
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static String instant(LocalDateTime utc) {
        return utc.toString() + "Z";
    }
}
