package dev.panels.app.audit;

import dev.panels.app.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.ArrayList;
import java.util.List;

/** How audit records leave the app: JSON for the audit page and change history, CSV for export. */
public final class AuditJson {

    static final String CSV_HEADER = "time,person_id,person,action,target_type,target_id,panel_id,outcome,detail";

    private AuditJson() {
    }

    public static JsonObject record(AuditRecord r) {
        JsonObjectBuilder json = Jsonp.createObjectBuilder()
                .add("id", r.id()).add("at", r.at() + "Z").add("subject", r.subject())
                .add("action", r.action()).add("targetType", r.targetType()).add("outcome", r.outcome());
        optional(json, "subjectName", r.subjectName());
        optional(json, "targetId", r.targetId());
        optional(json, "panelId", r.panelId());
        optional(json, "detail", r.detail());
        return json.build();
    }

    static String csv(List<AuditRecord> records) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append("\r\n");
        for (AuditRecord r : records) {
            List<String> cells = List.of(r.at() + "Z", r.subject(), nn(r.subjectName()), r.action(), r.targetType(),
                    nn(r.targetId()), nn(r.panelId()), r.outcome(), nn(r.detail()));
            for (int i = 0; i < cells.size(); i++) {
                out.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /**
     * RFC 4180 quoting; a cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with {@code '}
     * (OWASP "CSV injection"): names and details come from people.
     */
    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r") || !safe.equals(value);
        return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    /** The export's filters, for its own audit record. */
    static String describe(AuditQuery q) {
        List<String> parts = new ArrayList<>();
        if (q.person() != null) parts.add("person=" + q.person());
        if (q.action() != null) parts.add("action=" + q.action());
        if (q.panelId() != null) parts.add("panel=" + q.panelId());
        if (q.from() != null) parts.add("from=" + q.from() + "Z");
        if (q.to() != null) parts.add("to=" + q.to() + "Z");
        return parts.isEmpty() ? "no filters" : String.join(", ", parts);
    }

    private static String nn(String value) {
        return value == null ? "" : value;
    }

    private static void optional(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }
}
