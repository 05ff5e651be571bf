package dev.panels.app.audit;

import dev.panels.app.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditQueryTest {

    @Test
    void datesAndInstantsAreReadAsUtc() {
        AuditQuery query = AuditQuery.parse(null, "task.*", null, "2026-12-01", "2026-12-01T08:30:00Z");

        assertThat(query.from()).isEqualTo(LocalDateTime.of(2026, 12, 1, 0, 0));
        assertThat(query.to()).isEqualTo(LocalDateTime.of(2026, 12, 1, 8, 30));
        assertThat(query.where()).contains("a.action like :action").contains("a.at >= :from").contains("a.at < :to");
    }

    @Test
    void noFilterOnlyScopesToTheOrganization() {
        assertThat(AuditQuery.parse(" ", "", null, null, null).where()).isEqualTo("a.organizationId = :org");
    }

    @Test
    void hostileOrMalformedFiltersAreFieldErrors() {
        assertThatThrownBy(() -> AuditQuery.parse(null, "panel.read' or 1=1 --", "../x", "yesterday", "2026-13-01"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                        .containsKeys("action", "panel", "from", "to"));
        assertThatThrownBy(() -> AuditQuery.parse(null, null, null, "2026-12-02", "2026-12-01"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors()).containsKey("to"));
    }
}
