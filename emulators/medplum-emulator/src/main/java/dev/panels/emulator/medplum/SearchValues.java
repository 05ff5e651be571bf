package dev.panels.emulator.medplum;

import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** The values a search parameter indexes, extracted from HAPI's R4 model, and how they compare. */
final class SearchValues {

    private SearchValues() {
    }

    /** A token: system may be null (unknown), code may be null (e.g. an identifier with only a system). */
    record Token(String system, String code) {
    }

    /** A half-open instant range [low, high): the span a date of some precision covers. */
    record Range(Instant low, Instant high) {
    }

    static List<Token> tokens(Identifier... ids) {
        return identifierTokens(List.of(ids));
    }

    static List<Token> identifierTokens(Collection<Identifier> ids) {
        List<Token> out = new ArrayList<>();
        for (Identifier id : ids) {
            if (id != null && !id.isEmpty()) {
                out.add(new Token(id.getSystem(), id.getValue()));
            }
        }
        return out;
    }

    static List<Token> conceptTokens(Collection<CodeableConcept> concepts) {
        List<Token> out = new ArrayList<>();
        for (CodeableConcept concept : concepts) {
            for (Coding c : concept.getCoding()) {
                out.add(new Token(c.getSystem(), c.getCode()));
            }
        }
        return out;
    }

    static List<Token> codingTokens(Collection<Coding> codings) {
        List<Token> out = new ArrayList<>();
        for (Coding c : codings) {
            if (c != null && !c.isEmpty()) {
                out.add(new Token(c.getSystem(), c.getCode()));
            }
        }
        return out;
    }

    static List<Token> code(Enumeration<?> value) {
        return value == null || value.getValueAsString() == null ? List.of()
                : List.of(new Token(value.getSystem(), value.getValueAsString()));
    }

    static List<Token> bool(boolean present, boolean value) {
        return present ? List.of(new Token(null, Boolean.toString(value))) : List.of();
    }

    static List<Token> telecomTokens(Collection<ContactPoint> telecom, ContactPoint.ContactPointSystem system) {
        List<Token> out = new ArrayList<>();
        for (ContactPoint cp : telecom) {
            if (cp.getSystem() == system && cp.hasValue()) {
                out.add(new Token(null, cp.getValue()));
            }
        }
        return out;
    }

    /** Every searchable part of names: text, family, given, prefix, suffix. */
    static List<String> names(Collection<HumanName> names) {
        List<String> out = new ArrayList<>();
        for (HumanName n : names) {
            if (n.hasText()) {
                out.add(n.getText());
            }
            if (n.hasFamily()) {
                out.add(n.getFamily());
            }
            n.getGiven().stream().map(StringType::getValue).forEach(out::add);
            n.getPrefix().stream().map(StringType::getValue).forEach(out::add);
            n.getSuffix().stream().map(StringType::getValue).forEach(out::add);
        }
        return out;
    }

    static List<String> family(Collection<HumanName> names) {
        return names.stream().filter(HumanName::hasFamily).map(HumanName::getFamily).toList();
    }

    static List<String> given(Collection<HumanName> names) {
        return names.stream().flatMap(n -> n.getGiven().stream()).map(StringType::getValue).toList();
    }

    static List<String> refs(Collection<Reference> refs) {
        List<String> out = new ArrayList<>();
        for (Reference r : refs) {
            if (r != null && r.hasReference()) {
                out.add(r.getReference());
            }
        }
        return out;
    }

    static List<String> refs(Reference... refs) {
        return refs(List.of(refs));
    }

    static List<Range> dates(BaseDateTimeType... values) {
        List<Range> out = new ArrayList<>();
        for (BaseDateTimeType v : values) {
            Range r = range(v);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    static List<Range> period(Period p) {
        if (p == null || p.isEmpty()) {
            return List.of();
        }
        Range start = range(p.getStartElement());
        Range end = range(p.getEndElement());
        Instant low = start != null ? start.low() : Instant.MIN;
        Instant high = end != null ? end.high() : Instant.MAX;
        return List.of(new Range(low, high));
    }

    /** The span a date or dateTime covers at its precision; dates without time are read as UTC days. */
    static Range range(BaseDateTimeType value) {
        if (value == null || value.getValue() == null) {
            return null;
        }
        return switch (value.getPrecision()) {
            case YEAR -> {
                LocalDate d = LocalDate.of(value.getYear(), 1, 1);
                yield new Range(utc(d), utc(d.plusYears(1)));
            }
            case MONTH -> {
                LocalDate d = LocalDate.of(value.getYear(), value.getMonth() + 1, 1);
                yield new Range(utc(d), utc(d.plusMonths(1)));
            }
            case DAY -> {
                LocalDate d = LocalDate.of(value.getYear(), value.getMonth() + 1, value.getDay());
                yield new Range(utc(d), utc(d.plusDays(1)));
            }
            case MINUTE -> span(value.getValue().toInstant(), ChronoUnit.MINUTES);
            case SECOND -> span(value.getValue().toInstant(), ChronoUnit.SECONDS);
            default -> span(value.getValue().toInstant(), ChronoUnit.MILLIS);
        };
    }

    private static Range span(Instant at, ChronoUnit unit) {
        Instant low = at.truncatedTo(unit);
        return new Range(low, low.plus(1, unit));
    }

    private static Instant utc(LocalDate date) {
        return date.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** Case- and accent-insensitive form used by string search, as FHIR servers commonly do. */
    static String normalize(String s) {
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
