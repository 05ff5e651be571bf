package dev.panels.app.worklist;

import org.hl7.fhir.r4.fhirpath.FHIRPathFunctionDefinition;
import org.hl7.fhir.r4.fhirpath.TypeDetails;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The original system's extra FHIRPath functions, with its semantics (so saved column expressions keep
 * their meaning): {@code subtractDates(a, b[, unit])} = a − b rounded in years (365.25 d), months
 * (30.44 d), days, hours, minutes, seconds, else milliseconds, 0 when either is not a date;
 * {@code addToDate(date, n, unit)} (unknown unit = days); {@code addSeconds(date, n)};
 * {@code toMilliseconds(date)}; {@code toDateLiteral(x)}. Dates without a time are UTC midnight.
 */
final class DateFunctions {

    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}(T.*)?$");
    private static final double MS_DAY = 24d * 60 * 60 * 1000;

    private DateFunctions() {
    }

    static List<FHIRPathFunctionDefinition> all() {
        return List.of(
                HostFunction.of("subtractDates", 2, 3, TypeDetails.FP_Integer, (input, params) -> {
                    Optional<Instant> a = instant(HostFunction.first(params, 0));
                    Optional<Instant> b = instant(HostFunction.first(params, 1));
                    if (a.isEmpty() || b.isEmpty()) {
                        return List.of(new IntegerType(0));
                    }
                    double diff = a.get().toEpochMilli() - b.get().toEpochMilli();
                    String unit = params.size() > 2 ? HostFunction.first(params, 2) : null;
                    return List.of(number(Math.round(diff / unitMillis(unit, 1))));
                }),
                HostFunction.of("addToDate", 3, 3, TypeDetails.FP_DateTime, (input, params) -> {
                    Optional<Instant> date = instant(HostFunction.first(params, 0));
                    Optional<Double> quantity = decimal(HostFunction.first(params, 1));
                    if (date.isEmpty() || quantity.isEmpty()) {
                        return params.get(0);
                    }
                    long add = Math.round(quantity.get() * unitMillis(HostFunction.first(params, 2), MS_DAY));
                    return List.of(dateTime(date.get().plusMillis(add)));
                }),
                HostFunction.of("addSeconds", 2, 2, TypeDetails.FP_DateTime, (input, params) -> {
                    Optional<Instant> date = instant(HostFunction.first(params, 0));
                    Optional<Double> seconds = decimal(HostFunction.first(params, 1));
                    if (date.isEmpty() || seconds.isEmpty()) {
                        return params.get(0);
                    }
                    return List.of(dateTime(date.get().plusMillis(Math.round(seconds.get() * 1000))));
                }),
                HostFunction.of("toMilliseconds", 1, 1, TypeDetails.FP_Decimal, (input, params) ->
                        instant(HostFunction.first(params, 0)).<List<Base>>map(i -> List.of(new DecimalType(BigDecimal.valueOf(i.toEpochMilli()))))
                                .orElse(params.get(0))),
                HostFunction.of("toDateLiteral", 1, 1, TypeDetails.FP_String, (input, params) -> {
                    String value = HostFunction.first(params, 0);
                    return value == null ? List.of() : List.of(new StringType("@" + value));
                }));
    }

    /** Milliseconds in {@code unit}; {@code fallback} for a missing or unknown unit (as the original). */
    static double unitMillis(String unit, double fallback) {
        return switch (unit == null ? "" : unit.toLowerCase(Locale.ROOT)) {
            case "years" -> 365.25 * MS_DAY;
            case "months" -> 30.44 * MS_DAY;
            case "days" -> MS_DAY;
            case "hours" -> 60d * 60 * 1000;
            case "minutes" -> 60d * 1000;
            case "seconds" -> 1000d;
            default -> fallback;
        };
    }

    static Optional<Instant> instant(String text) {
        if (text == null || !DATE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            if (text.length() == 10) {
                return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException noOffset) {
                return Optional.of(java.time.LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            }
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Double> decimal(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Base number(long value) {
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE
                ? new IntegerType((int) value) : new DecimalType(BigDecimal.valueOf(value));
    }

    private static DateTimeType dateTime(Instant instant) {
        DateTimeType type = new DateTimeType(Date.from(instant));
        type.setTimeZoneZulu(true);
        return type;
    }
}
