package dev.panels.app.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditJsonTest {

    @Test
    void cellsAreQuotedAfterRfc4180() {
        assertThat(AuditJson.cell("plain")).isEqualTo("plain");
        assertThat(AuditJson.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditJson.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditJson.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void aCellASpreadsheetWouldRunAsAFormulaIsDefused() {
        assertThat(AuditJson.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(AuditJson.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(AuditJson.cell("-2")).isEqualTo("\"'-2\"");
        assertThat(AuditJson.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(AuditJson.cell("")).isEmpty();
    }
}
