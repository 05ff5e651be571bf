package dev.panels.app.audit;

import dev.panels.app.problem.InvalidInput;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Filters of the audit page: a person (their id, or part of their name or email), an action (exact, or a family
 * such as {@code task.*}), a panel, and a time range ({@code from} inclusive, {@code to} exclusive; ISO dates or
 * instants, UTC). Every value is checked before it reaches a query.
 */
public record AuditQuery(String person, String action, String panelId, LocalDateTime from, LocalDateTime to) {

    static final Pattern ACTION = Pattern.compile("[a-z][a-z-]{0,31}(\\.([a-z-]{1,31}|\\*))?");
    static final Pattern PANEL = Pattern.compile("[A-Za-z0-9-]{1,36}");

    public static AuditQuery parse(String person, String action, String panel, String from, String to) {
        InvalidInput errors = new InvalidInput();
        String who = errors.optionalText(person, "person", 255);
        String what = blankToNull(action);
        errors.check(what == null || ACTION.matcher(what).matches(), "action", "must be an action such as panel.update or task.*");
        String panelId = blankToNull(panel);
        errors.check(panelId == null || PANEL.matcher(panelId).matches(), "panel", "must be a panel id");
        LocalDateTime start = time(errors, from, "from");
        LocalDateTime end = time(errors, to, "to");
        errors.check(start == null || end == null || start.isBefore(end), "to", "must be after from");
        errors.throwIfAny();
        return new AuditQuery(who, what, panelId, start, end);
    }

    /** The JPQL condition for these filters over alias {@code a}; parameters are named after the fields. */
    String where() {
        StringBuilder where = new StringBuilder("a.organizationId = :org");
        if (person != null) {
            where.append(" and (a.subject = :person or lower(a.subjectName) like :personLike)");
        }
        if (action != null) {
            where.append(action.endsWith(".*") ? " and a.action like :action" : " and a.action = :action");
        }
        if (panelId != null) {
            where.append(" and a.panelId = :panel");
        }
        if (from != null) {
            where.append(" and a.at >= :from");
        }
        if (to != null) {
            where.append(" and a.at < :to");
        }
        return where.toString();
    }

    void bind(jakarta.persistence.TypedQuery<?> query) {
        if (person != null) {
            query.setParameter("person", person);
            query.setParameter("personLike", "%" + escapeLike(person.toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        if (action != null) {
            query.setParameter("action", action.endsWith(".*") ? action.substring(0, action.length() - 1) + "%" : action);
        }
        if (panelId != null) {
            query.setParameter("panel", panelId);
        }
        if (from != null) {
            query.setParameter("from", from);
        }
        if (to != null) {
            query.setParameter("to", to);
        }
    }

    /** Wildcards a person types are dropped: they cannot widen the match. */
    private static String escapeLike(String value) {
        return value.replace("%", "").replace("_", "");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static LocalDateTime time(InvalidInput errors, String value, String field) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay()
                    : LocalDateTime.ofInstant(Instant.parse(text), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            errors.add(field, "must be a date (2026-12-01) or an instant (2026-12-01T08:00:00Z)");
            return null;
        }
    }
}
