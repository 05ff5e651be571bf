package dev.panels.app.panel;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * A date filter value: {@code from#to} (either side may be empty), where each side is an ISO date or
 * a dynamic date ({@code @today}, {@code @yesterday}, {@code @tomorrow}, {@code @this_week},
 * {@code @last_week}, {@code @next_week}, {@code @this_month}, {@code @last_month},
 * {@code @next_month}, {@code @last_7_days}, {@code @last_30_days}). A period token alone (no
 * {@code #}) means that whole period. Weeks start on Monday.
 */
public record DateRange(LocalDate from, LocalDate to) {

    public static Optional<DateRange> parse(String value, LocalDate today) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        int hash = v.indexOf('#');
        if (hash < 0) {
            return period(v, today);
        }
        if (v.indexOf('#', hash + 1) >= 0) {
            return Optional.empty();
        }
        Optional<DateRange> from = side(v.substring(0, hash), today);
        Optional<DateRange> to = side(v.substring(hash + 1), today);
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        DateRange range = new DateRange(from.get().from(), to.get().to());
        if (range.from() == null && range.to() == null) {
            return Optional.empty();
        }
        if (range.from() != null && range.to() != null && range.from().isAfter(range.to())) {
            return Optional.empty();
        }
        return Optional.of(range);
    }

    /** One side of {@code from#to}; empty text means open-ended. */
    private static Optional<DateRange> side(String text, LocalDate today) {
        if (text.isBlank()) {
            return Optional.of(new DateRange(null, null));
        }
        return period(text.strip(), today);
    }

    private static Optional<DateRange> period(String token, LocalDate today) {
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate firstOfMonth = today.withDayOfMonth(1);
        return Optional.ofNullable(switch (token) {
            case "@today" -> day(today);
            case "@yesterday" -> day(today.minusDays(1));
            case "@tomorrow" -> day(today.plusDays(1));
            case "@this_week" -> new DateRange(monday, monday.plusDays(6));
            case "@last_week" -> new DateRange(monday.minusWeeks(1), monday.minusDays(1));
            case "@next_week" -> new DateRange(monday.plusWeeks(1), monday.plusDays(13));
            case "@this_month" -> new DateRange(firstOfMonth, firstOfMonth.plusMonths(1).minusDays(1));
            case "@last_month" -> new DateRange(firstOfMonth.minusMonths(1), firstOfMonth.minusDays(1));
            case "@next_month" -> new DateRange(firstOfMonth.plusMonths(1), firstOfMonth.plusMonths(2).minusDays(1));
            case "@last_7_days" -> new DateRange(today.minusDays(6), today);
            case "@last_30_days" -> new DateRange(today.minusDays(29), today);
            default -> isoDay(token);
        });
    }

    private static DateRange day(LocalDate date) {
        return new DateRange(date, date);
    }

    private static DateRange isoDay(String token) {
        try {
            return day(LocalDate.parse(token));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public boolean contains(LocalDate date) {
        return (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
    }
}
