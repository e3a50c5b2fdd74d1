package com.smoft.crm.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.csv.CustomerCsvReader;
import com.smoft.crm.scoring.RecordProblem;
import com.smoft.crm.scoring.ScoredRow;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@ControllerSlice
class ContractControllerTests {

    @Autowired
    MockMvcTester mvc;

    private MvcTestResult columns(String body) {
        return mvc.post()
                .uri("/api/contract/columns")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
    }

    @Test
    void shouldGiveTheSuffixTheCsvAnswerAddsToAFilesOwnColumnInBothLanguages() {
        MvcTestResult result = mvc.get().uri("/api/contract/output").exchange();
        assertThat(result).bodyJson().extractingPath("$.from_file_suffix_fr").isEqualTo(" (fichier)");
        assertThat(result).bodyJson().extractingPath("$.from_file_suffix_en").isEqualTo(" (file)");
    }

    @Test
    void shouldDescribeTheColumnsTheWhatIfSearchAddsAfterTheOthers() {
        MvcTestResult result = mvc.get().uri("/api/contract/output").exchange();
        assertThat(result)
                .bodyJson()
                .extractingPath("$.what_if_columns[*].key")
                .asArray()
                .containsExactly("next_step", "next_step_score", "at_risk_after");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.what_if_columns[2]")
                .isEqualTo(Map.of(
                        "key",
                        "at_risk_after",
                        "kind",
                        "whole",
                        "label_fr",
                        "Jours sans contact avant de quitter Chaud",
                        "label_en",
                        "Days without contact before leaving Hot"));
    }

    @Test
    void shouldDescribeTheScoredRowsColumnsWithLabelsInBothLanguages() {
        MvcTestResult result = mvc.get().uri("/api/contract/output").exchange();
        assertThat(result).hasStatusOk();
        assertThat(result)
                .bodyJson()
                .extractingPath("$.columns[*].key")
                .asArray()
                .containsExactlyElementsOf(
                        ScoredRow.TABLE.stream().map(ScoredRow.Column::key).toList());
        assertThat(result)
                .bodyJson()
                .extractingPath("$.columns[0]")
                .isEqualTo(
                        Map.of("key", "customer_id", "kind", "id", "label_fr", "N° client", "label_en", "Customer id"));
        assertThat(result)
                .bodyJson()
                .extractingPath("$.columns[?(@.key == 'next_action')]")
                .asArray()
                .singleElement()
                .isEqualTo(Map.of(
                        "key",
                        "next_action",
                        "kind",
                        "code",
                        "label_fr",
                        "Prochaine action",
                        "label_en",
                        "Next action"));
        assertThat(result)
                .bodyJson()
                .extractingPath("$.compact_columns")
                .asArray()
                .containsExactly("customer_id", "score", "segment", "probability");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.probability_decimals")
                .isEqualTo(ScoredRow.PROBABILITY_DECIMALS);
    }

    @Test
    void shouldFindEachFieldInAFrenchHeaderAsTheCsvEndpointReadsIt() {
        MvcTestResult result = columns("""
                {"header": ["Nom", "N° client", "Jours depuis dernier contact", "Nb contacts", "Montant dépensé (€)",
                 "E-mails envoyés", "emails_opened", "Visites site", "Dernier échange (j)"]}""");
        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().isStrictlyEqualTo("""
                {"columns": {"customer_id": 1, "days_since_last_contact": 2, "total_contacts": 3, "total_spent": 4,
                 "emails_sent": 5, "emails_opened": 6, "website_visits": 7}}""");
    }

    @Test
    void shouldLeaveOutTheFieldsNoColumnNamesAndGiveAColumnToOneFieldOnly() {
        MvcTestResult result = columns("""
                {"header": ["Dernier échange (j)", "customer_id", "Id", "total_contacts", "total_spent", "emails_sent",
                 "emails_opened", "website_visits", "customer_age_days"]}""");
        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.columns.customer_id").isEqualTo(1);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.columns")
                .asMap()
                .doesNotContainKey("days_since_last_contact")
                .hasSize(7);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"header\": null}",
                "{\"header\": [\"id\", null]}",
                "{\"header\": \"id\"}",
                "[\"id\"]",
                "{\"header\": [1"
            })
    void shouldRefuseAnythingButAListOfNamesWith400(String body) {
        assertThat(columns(body)).hasStatus(HttpStatus.BAD_REQUEST);
    }

    @Test
    void shouldSayWhatIsWrongInTheCallersTermsNotJacksons() {
        assertThat(columns("[]"))
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .contains("objet JSON")
                .doesNotContain("clients");
        assertThat(columns("{\"header\": ["))
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .doesNotContain("Source", "REDACTED");
    }

    @Test
    void shouldGiveTheReasonOfEveryProblemCodeInFrenchAndEnglish() {
        MvcTestResult result = mvc.get().uri("/api/contract/reasons").exchange();
        assertThat(result).hasStatusOk();
        for (RecordProblem.Code code : RecordProblem.Code.values()) {
            assertThat(result)
                    .bodyJson()
                    .extractingPath("$.fr['" + code.wireName() + "']")
                    .asString()
                    .isNotBlank();
            assertThat(result)
                    .bodyJson()
                    .extractingPath("$.en['" + code.wireName() + "']")
                    .isEqualTo("{0}");
        }
        assertThat(result)
                .bodyJson()
                .extractingPath("$.fr['out_of_range.min']")
                .isEqualTo("doit être supérieur ou égal à {1}");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.fr.too_long")
                .isEqualTo("doit être un nombre d'au plus {1} caractères");
    }

    @Test
    void shouldSayAListIsExpectedWhenTheHeaderIsOneText() {
        MvcTestResult result = columns("{\"header\": \"x\"}");
        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.errors[0].params.expected")
                .isEqualTo("array");
        assertThat(result).bodyJson().extractingPath("$.errors[0].message").isEqualTo("expected JSON array");
    }

    @Test
    void shouldRefuseMoreNamesThanAnyHeaderTheCsvEndpointReadsHoweverShort() {
        String names = String.join(",", Collections.nCopies(CustomerCsvReader.MAX_COLUMNS + 1, "\"\""));
        MvcTestResult result = columns("{\"header\": [" + names + "]}");
        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("plus de 16384 noms");
    }

    @Test
    void shouldRefuseNamesLongerThanAnyHeaderTheCsvEndpointReads() {
        String name = "x".repeat(600_000);
        MvcTestResult result = columns("{\"header\": [\"" + name + "\", \"" + name + "\"]}");
        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("1048576 caractères");
    }
}
