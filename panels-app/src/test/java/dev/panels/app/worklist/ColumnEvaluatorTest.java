package dev.panels.app.worklist;

import ca.uhn.fhir.context.FhirContext;
import dev.panels.app.panel.ColumnType;
import dev.panels.app.panel.RowType;
import dev.panels.app.panel.WorklistPlan.ColumnSpec;
import jakarta.json.JsonValue;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rows from a search bundle and cells from FHIRPath, with HAPI's real engine. */
class ColumnEvaluatorTest {

    static FhirContext fhir;

    @BeforeAll
    static void context() {
        fhir = FhirContext.forR4();
    }

    static Bundle bundle() {
        Patient ada = new Patient();
        ada.setId("p1");
        ada.addName().setFamily("Lovelace").addGiven("Ada");
        ada.setGender(Enumerations.AdministrativeGender.FEMALE);
        ada.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1990-05-17"));
        Patient bob = new Patient();
        bob.setId("p2");
        Task open = new Task();
        open.setId("t1");
        open.setStatus(Task.TaskStatus.REQUESTED);
        open.setFor(new Reference("Patient/p1"));
        Task done = new Task();
        done.setId("t2");
        done.setStatus(Task.TaskStatus.COMPLETED);
        done.setFor(new Reference("https://medplum.example/fhir/R4/Patient/p1"));
        Bundle bundle = new Bundle();
        bundle.addEntry().setResource(ada).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        bundle.addEntry().setResource(bob).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        bundle.addEntry().setResource(open).getSearch().setMode(Bundle.SearchEntryMode.INCLUDE);
        bundle.addEntry().setResource(done).getSearch().setMode(Bundle.SearchEntryMode.INCLUDE);
        return bundle;
    }

    @Test
    void patientRowsCarryTheirOwnTasks() {
        List<Row> rows = RowAssembler.rows(bundle(), RowType.PATIENT);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).ofType("Task")).extracting(r -> r.getIdElement().getIdPart()).containsExactly("t1", "t2");
        assertThat(rows.get(1).ofType("Task")).isEmpty();
    }

    @Test
    void computesTypedCellsAcrossTheRowsResources() {
        Row ada = RowAssembler.rows(bundle(), RowType.PATIENT).get(0);
        ColumnEvaluator evaluator = evaluator();

        assertThat(evaluator.evaluate(ada, spec("Patient.name.first().given.first()", ColumnType.TEXT)).value())
                .hasToString("\"Ada\"");
        assertThat(evaluator.evaluate(ada, spec("Task.where(status = 'requested').count()", ColumnType.NUMBER)).value())
                .hasToString("1");
        assertThat(evaluator.evaluate(ada, spec("Task.count()", ColumnType.NUMBER)).value()).hasToString("2");
        assertThat(evaluator.evaluate(ada, spec("Task.exists(status = 'completed')", ColumnType.BOOLEAN)).value())
                .isEqualTo(JsonValue.TRUE);
        assertThat(evaluator.evaluate(ada, spec("Patient.birthDate < %today", ColumnType.BOOLEAN)).value())
                .isEqualTo(JsonValue.TRUE);
        assertThat(evaluator.evaluate(ada, spec("Task.status", ColumnType.MULTI_SELECT)).value())
                .hasToString("[\"requested\",\"completed\"]");
        assertThat(evaluator.evaluate(ada, spec("Appointment.start", ColumnType.DATETIME)).value()).isEqualTo(JsonValue.NULL);
        assertThat(evaluator.evaluate(ada, spec("Appointment.count()", ColumnType.NUMBER)).value()).hasToString("0");
    }

    @Test
    void aFailingCellIsReportedNotThrown() {
        Row ada = RowAssembler.rows(bundle(), RowType.PATIENT).get(0);
        ColumnEvaluator evaluator = evaluator();

        ColumnEvaluator.Cell cell = evaluator.evaluate(ada, spec("Patient.name.given.single()", ColumnType.TEXT));
        assertThat(cell.value()).hasToString("\"Ada\"");
        assertThat(cell.error()).isNull();
        Patient twoNames = (Patient) ada.primary();
        twoNames.getNameFirstRep().addGiven("Augusta");
        ColumnEvaluator.Cell failing = evaluator.evaluate(ada, spec("Patient.name.given.single()", ColumnType.TEXT));
        assertThat(failing.error()).startsWith("cannot evaluate");
        assertThat(failing.value()).isEqualTo(JsonValue.NULL);
    }

    @Test
    void syntaxErrorsAreFoundBeforeSaving() {
        assertThat(FhirPathColumns.problem(engine(), "Patient.name.first(.given")).isPresent();
        assertThat(FhirPathColumns.problem(engine(), "Patient.name.first().given.first()")).isEmpty();
    }

    static org.hl7.fhir.r4.fhirpath.FHIRPathEngine engine() {
        return PanelsFhirPath.engine(new org.hl7.fhir.r4.hapi.ctx.HapiWorkerContext(fhir, fhir.getValidationSupport()),
                LocalDate.of(2026, 3, 4));
    }

    static ColumnEvaluator evaluator() {
        return new ColumnEvaluator(engine(), java.time.Duration.ofSeconds(30));
    }

    @Test
    void aCatastrophicallyBacktrackingPatternIsMatchedInLinearTime() {
        Row ada = RowAssembler.rows(bundle(), RowType.PATIENT).get(0);
        // java.util.regex needs minutes for this (2^26 ways to split the a's); RE2/J answers at once. The budget
        // makes the test fail, not hang, if the expression ever reaches java.util.regex again.
        ColumnEvaluator evaluator = new ColumnEvaluator(engine(), java.time.Duration.ofSeconds(5));
        String hostile = "'aaaaaaaaaaaaaaaaaaaaaaaaaa!'.matches('(.*a){14}$')";

        assertThat(FhirPathColumns.problem(engine(), hostile)).isEmpty();
        assertThat(evaluator.evaluate(ada, spec(hostile, ColumnType.BOOLEAN)).value()).isEqualTo(JsonValue.FALSE);
        assertThat(evaluator.evaluate(ada, spec("'aaaa!'.matches('(.*a){3}!$')", ColumnType.BOOLEAN)).value()).isEqualTo(JsonValue.TRUE);
        assertThat(evaluator.evaluate(ada, spec("'ab\nc'.matchesFull('a.*c')", ColumnType.BOOLEAN)).value()).isEqualTo(JsonValue.TRUE);
        assertThat(evaluator.evaluate(ada, spec("'2026-03-04'.replaceMatches('([0-9]+)-([0-9]+)-([0-9]+)', '$3/$2/$1')", ColumnType.TEXT)).value())
                .hasToString("\"04/03/2026\"");
        assertThat(evaluator.evaluate(ada, spec("'abab'.matches('(a)\\\\1')", ColumnType.BOOLEAN)).error())
                .contains("not supported");
    }

    @Test
    void tooDeepOrTooLargeExpressionsAreRefusedAtSave() {
        String deep = "(".repeat(40) + "1" + ")".repeat(40);
        String large = String.join(" + ", java.util.Collections.nCopies(300, "1"));

        assertThat(FhirPathColumns.problem(engine(), deep)).hasValueSatisfying(p -> assertThat(p).contains("nested too deeply"));
        assertThat(FhirPathColumns.problem(engine(), large)).hasValueSatisfying(p -> assertThat(p).contains("too complex"));
        assertThat(FhirPathColumns.problem(engine(), "(".repeat(10) + "1" + ")".repeat(10))).isEmpty();
    }

    @Test
    void aPageWhoseCellsExceedTheBudgetFailsNamingTheColumn() {
        Row ada = RowAssembler.rows(bundle(), RowType.PATIENT).get(0);
        ColumnEvaluator spent = new ColumnEvaluator(engine(), java.time.Duration.ZERO);

        assertThatThrownBy(() -> spent.evaluate(ada, new ColumnSpec("slow", "Slow column", ColumnType.TEXT, "Patient.id", null, true)))
                .isInstanceOf(dev.panels.app.problem.ProblemException.class)
                .hasMessageContaining("Slow column")
                .satisfies(e -> assertThat(((dev.panels.app.problem.ProblemException) e).problem().type())
                        .isEqualTo(dev.panels.app.problem.ProblemType.COLUMN_EVALUATION_TIMEOUT));
    }

    @Test
    void theOriginalsDateFunctionsAndBundleFormWork() {
        Row ada = RowAssembler.rows(bundle(), RowType.PATIENT).get(0);
        ColumnEvaluator evaluator = evaluator();

        assertThat(evaluator.evaluate(ada, spec("subtractDates(%today, Patient.birthDate, 'years')", ColumnType.NUMBER)).value())
                .hasToString("36");
        assertThat(evaluator.evaluate(ada, spec("subtractDates(%today, Patient.birthDate, 'days')", ColumnType.NUMBER)).value())
                .hasToString("13075");
        assertThat(evaluator.evaluate(ada, spec("addToDate(Patient.birthDate, 2, 'days')", ColumnType.DATETIME)).value())
                .hasToString("\"1990-05-19T00:00:00Z\"");
        assertThat(evaluator.evaluate(ada, spec("subtractDates('not a date', %today)", ColumnType.NUMBER)).value()).hasToString("0");
        assertThat(evaluator.evaluate(ada, spec("entry.resource.ofType(Task).where(status = 'completed').count()", ColumnType.NUMBER)).value())
                .hasToString("1");
        assertThat(FhirPathColumns.problem(engine(), "noSuchFunction(1)")).isPresent();
    }

    static ColumnSpec spec(String expression, ColumnType type) {
        return new ColumnSpec("c", "C", type, expression, null, true);
    }
}
