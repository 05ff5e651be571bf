package dev.panels.emulator.medplum;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import dev.panels.emulator.medplum.SearchParams.Kind;
import dev.panels.emulator.medplum.SearchParams.Param;
import dev.panels.emulator.medplum.SearchValues.Range;
import dev.panels.emulator.medplum.SearchValues.Token;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One parsed FHIR search: criteria (repeated parameters AND, comma-separated values OR), {@code _sort},
 * {@code _count}/{@code _offset} paging and {@code _include}/{@code _revinclude}. Invalid input is a 400 with a
 * message naming the parameter, never a silently ignored criterion.
 */
final class SearchQuery {

    static final int DEFAULT_COUNT = 20;
    static final int MAX_COUNT = 1000;
    /** Handled by HAPI or irrelevant to results. */
    private static final Set<String> PASSED_THROUGH = Set.of("_format", "_pretty", "_summary", "_elements", "_total");
    private static final Set<String> PREFIXES = Set.of("eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap");

    record Criterion(Param param, String modifier, List<String> anyOf) {
    }

    record SortKey(Param param, boolean descending) {
    }

    /** {@code Source:param[:Target]}. */
    record Include(String sourceType, Param param, String targetType) {
    }

    final String type;
    final List<Criterion> criteria = new ArrayList<>();
    final List<SortKey> sort = new ArrayList<>();
    final List<Include> includes = new ArrayList<>();
    final List<Include> revIncludes = new ArrayList<>();
    int count = DEFAULT_COUNT;
    int offset;

    private SearchQuery(String type) {
        this.type = type;
    }

    static SearchQuery parse(String type, Map<String, String[]> params) {
        SearchQuery q = new SearchQuery(type);
        for (Map.Entry<String, String[]> e : params.entrySet()) {
            String key = e.getKey();
            String name = key.contains(":") ? key.substring(0, key.indexOf(':')) : key;
            String modifier = key.contains(":") ? key.substring(key.indexOf(':') + 1) : null;
            for (String value : e.getValue()) {
                switch (name) {
                    case "_count" -> q.count = Math.min(number(name, value), MAX_COUNT);
                    case "_offset" -> q.offset = number(name, value);
                    case "_sort" -> q.parseSort(value);
                    case "_include" -> q.includes.add(include(value, true, type));
                    case "_revinclude" -> q.revIncludes.add(include(value, false, type));
                    default -> {
                        if (PASSED_THROUGH.contains(name)) {
                            continue;
                        }
                        Param p = SearchParams.find(type, name).orElseThrow(() ->
                                new InvalidRequestException("Unknown search parameter: " + name));
                        checkModifier(p, modifier, key);
                        List<String> anyOf = Arrays.stream(value.split(",")).filter(v -> !v.isEmpty()).toList();
                        if (anyOf.isEmpty()) {
                            throw new InvalidRequestException("Search parameter " + key + " has no value");
                        }
                        anyOf.forEach(v -> validate(p, key, v));
                        q.criteria.add(new Criterion(p, modifier, anyOf));
                    }
                }
            }
        }
        return q;
    }

    boolean matches(Resource r) {
        for (Criterion c : criteria) {
            boolean any = c.anyOf().stream().anyMatch(v -> matches(c.param(), c.modifier(), v, r));
            if ("not".equals(c.modifier()) ? any : !any) {
                return false;
            }
        }
        return true;
    }

    /** The requested order, then id so that pages are stable. */
    Comparator<Resource> order() {
        Comparator<Resource> result = null;
        for (SortKey key : sort) {
            Comparator<Resource> next = Comparator.comparing((Resource r) -> sortValue(key.param(), r),
                    key.descending() ? Comparator.nullsLast(Comparator.<String>reverseOrder())
                            : Comparator.nullsLast(Comparator.<String>naturalOrder()));
            result = result == null ? next : result.thenComparing(next);
        }
        Comparator<Resource> byId = Comparator.comparing(r -> r.getIdElement().getIdPart());
        return result == null ? byId : result.thenComparing(byId);
    }

    private void parseSort(String value) {
        for (String part : value.split(",")) {
            boolean desc = part.startsWith("-");
            String name = desc ? part.substring(1) : part;
            Param p = SearchParams.find(type, name).orElseThrow(() ->
                    new InvalidRequestException("Unknown sort parameter: " + name));
            sort.add(new SortKey(p, desc));
        }
    }

    private static Include include(String value, boolean forward, String searchedType) {
        String[] parts = value.split(":");
        if (parts.length < 2 || parts.length > 3) {
            throw new InvalidRequestException("Invalid " + (forward ? "_include" : "_revinclude") + ": " + value);
        }
        if (forward && !parts[0].equals(searchedType)) {
            throw new InvalidRequestException("_include " + value + " does not start with " + searchedType);
        }
        if (!MedplumFhirServer.RESOURCE_TYPES.contains(parts[0])) {
            throw new InvalidRequestException("Unsupported resource type in " + value);
        }
        Param p = SearchParams.find(parts[0], parts[1]).filter(x -> x.kind() == Kind.REFERENCE).orElseThrow(() ->
                new InvalidRequestException("Unknown reference parameter in " + value));
        return new Include(parts[0], p, parts.length == 3 ? parts[2] : null);
    }

    private static void checkModifier(Param p, String modifier, String key) {
        if (modifier == null) {
            return;
        }
        boolean ok = switch (p.kind()) {
            case STRING -> modifier.equals("exact") || modifier.equals("contains");
            case TOKEN -> modifier.equals("not");
            default -> false;
        };
        if (!ok) {
            throw new InvalidRequestException("Unsupported modifier in search parameter " + key);
        }
    }

    private static void validate(Param p, String key, String value) {
        if (p.kind() == Kind.DATE) {
            dateRange(key, value);
        }
    }

    private static int number(String name, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(name + " must be a non-negative whole number");
        }
    }

    private record DateCriterion(String prefix, Range range) {
    }

    private static DateCriterion dateRange(String key, String value) {
        String prefix = value.length() > 2 && PREFIXES.contains(value.substring(0, 2)) ? value.substring(0, 2) : "eq";
        String date = value.startsWith(prefix) ? value.substring(2) : value;
        try {
            return new DateCriterion(prefix, SearchValues.range(new DateTimeType(date)));
        } catch (RuntimeException e) {
            throw new InvalidRequestException("Invalid date in search parameter " + key + ": " + value);
        }
    }

    private static boolean matches(Param p, String modifier, String value, Resource r) {
        return switch (p.kind()) {
            case STRING -> {
                String wanted = SearchValues.normalize(value);
                yield p.strings(r).stream().filter(s -> s != null).anyMatch(s -> {
                    if ("exact".equals(modifier)) {
                        return s.equals(value);
                    }
                    String have = SearchValues.normalize(s);
                    return "contains".equals(modifier) ? have.contains(wanted) : have.startsWith(wanted);
                });
            }
            case TOKEN -> p.tokens(r).stream().anyMatch(t -> tokenMatches(value, t));
            case REFERENCE -> p.strings(r).stream().anyMatch(ref -> referenceMatches(value, ref, p));
            case DATE -> {
                DateCriterion c = dateRange(p.name(), value);
                yield p.ranges(r).stream().anyMatch(have -> dateMatches(c, have));
            }
        };
    }

    private static boolean tokenMatches(String value, Token t) {
        int bar = value.indexOf('|');
        if (bar < 0) {
            return value.equals(t.code());
        }
        String system = value.substring(0, bar);
        String code = value.substring(bar + 1);
        boolean systemOk = system.isEmpty() ? t.system() == null || t.system().isEmpty() : system.equals(t.system());
        return systemOk && (code.isEmpty() || code.equals(t.code()));
    }

    /** {@code Patient/1}, {@code 1} (for a parameter with one target type) and absolute URLs all name the same. */
    private static boolean referenceMatches(String value, String ref, Param p) {
        String wanted = typedId(value, p);
        String have = typedId(ref, p);
        return wanted != null && wanted.equals(have);
    }

    private static String typedId(String reference, Param p) {
        String[] segments = reference.split("/");
        if (segments.length >= 2) {
            return segments[segments.length - 2] + "/" + segments[segments.length - 1];
        }
        return p.targets().size() == 1 ? p.targets().get(0) + "/" + reference : null;
    }

    private static boolean dateMatches(DateCriterion c, Range have) {
        Range want = c.range();
        return switch (c.prefix()) {
            case "eq" -> !have.low().isBefore(want.low()) && !have.high().isAfter(want.high());
            case "ne" -> have.low().isBefore(want.low()) || have.high().isAfter(want.high());
            case "gt" -> have.high().isAfter(want.high());
            case "lt" -> have.low().isBefore(want.low());
            case "ge" -> have.high().isAfter(want.low());
            case "le" -> have.low().isBefore(want.high());
            case "sa" -> !have.low().isBefore(want.high());
            case "eb" -> !have.high().isAfter(want.low());
            default -> have.low().isBefore(want.high()) && have.high().isAfter(want.low()); // ap: overlaps
        };
    }

    /** Seconds shifted to be non-negative and zero-padded, so strings sort chronologically (open starts first). */
    private static String sortableInstant(java.time.Instant at) {
        long seconds = at.equals(java.time.Instant.MIN) ? 0 : at.getEpochSecond() - java.time.Instant.MIN.getEpochSecond();
        return String.format("%020d%09d", seconds, at.getNano());
    }

    private static String sortValue(Param p, Resource r) {
        return switch (p.kind()) {
            case STRING -> p.strings(r).stream().filter(s -> s != null).map(SearchValues::normalize).findFirst().orElse(null);
            case TOKEN -> p.tokens(r).stream().map(Token::code).filter(s -> s != null).findFirst().orElse(null);
            case REFERENCE -> p.strings(r).stream().findFirst().orElse(null);
            case DATE -> p.ranges(r).stream().map(x -> sortableInstant(x.low())).findFirst().orElse(null);
        };
    }
}
