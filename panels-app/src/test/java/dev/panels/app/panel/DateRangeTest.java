package dev.panels.app.panel;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class DateRangeTest {

    static final LocalDate WEDNESDAY = LocalDate.of(2026, 3, 4);

    @Test
    void periodsResolveAgainstToday() {
        assertThat(DateRange.parse("@today", WEDNESDAY)).contains(new DateRange(WEDNESDAY, WEDNESDAY));
        assertThat(DateRange.parse("@this_week", WEDNESDAY)).contains(new DateRange(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 8)));
        assertThat(DateRange.parse("@last_week", WEDNESDAY)).contains(new DateRange(LocalDate.of(2026, 2, 23), LocalDate.of(2026, 3, 1)));
        assertThat(DateRange.parse("@last_month", WEDNESDAY)).contains(new DateRange(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)));
        assertThat(DateRange.parse("@last_7_days", WEDNESDAY)).contains(new DateRange(LocalDate.of(2026, 2, 26), WEDNESDAY));
    }

    @Test
    void rangesTakeTheOuterBoundsOfEachSide() {
        assertThat(DateRange.parse("2026-01-01#@this_month", WEDNESDAY))
                .contains(new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)));
        assertThat(DateRange.parse("#2026-01-31", WEDNESDAY)).contains(new DateRange(null, LocalDate.of(2026, 1, 31)));
        assertThat(DateRange.parse("@yesterday#", WEDNESDAY)).contains(new DateRange(LocalDate.of(2026, 3, 3), null));
    }

    @Test
    void nonsenseIsRefusedNotGuessed() {
        assertThat(DateRange.parse("@someday", WEDNESDAY)).isEmpty();
        assertThat(DateRange.parse("2026-02-30", WEDNESDAY)).isEmpty();
        assertThat(DateRange.parse("#", WEDNESDAY)).isEmpty();
        assertThat(DateRange.parse("2026-03-01#2026-02-01", WEDNESDAY)).isEmpty();
        assertThat(DateRange.parse("a#b#c", WEDNESDAY)).isEmpty();
    }

    @Test
    void containsIsInclusive() {
        DateRange range = new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31));
        assertThat(range.contains(LocalDate.of(2026, 1, 31))).isTrue();
        assertThat(range.contains(LocalDate.of(2026, 2, 1))).isFalse();
    }
}
