package com.smoft.crm.api;

import static com.smoft.crm.scoring.TestCustomers.CUSTOMER;
import static com.smoft.crm.scoring.TestCustomers.batchOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.TestCustomers;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@ControllerSlice
class ScoreControllerTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    LeadScorer scorer;

    private MvcTestResult post(String path, String body) {
        return mvc.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
    }

    /** As {@link #post}, asking for English: the problems' English texts are checked word for word. */
    private MvcTestResult postInEnglish(String path, String body) {
        return mvc.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .header("Accept-Language", "en")
                .content(body)
                .exchange();
    }

    @Test
    void shouldScoreOneCustomerWithTheOriginalFields() {
        int expected = scorer.score(TestCustomers.SAMPLE).score();
        MvcTestResult result = post("/api/score", CUSTOMER);
        assertThat(result).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().extractingPath("$.customer_id").isEqualTo(1);
        assertThat(result).bodyJson().extractingPath("$.score").isEqualTo(expected);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.segment")
                .isEqualTo(expected >= 70 ? "Hot" : expected >= 40 ? "Warm" : "Cold");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.recommendation")
                .asString()
                .contains("Priorité");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.model_version")
                .isEqualTo(scorer.model().version());
    }

    @Test
    void shouldAnswerInEnglishOnRequest() {
        MvcTestResult result = mvc.post()
                .uri("/api/score")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Accept-Language", "en-GB,en;q=0.8")
                .content(CUSTOMER)
                .exchange();
        assertThat(result)
                .bodyJson()
                .extractingPath("$.recommendation")
                .asString()
                .contains("priority")
                .doesNotContain("Priorité");
    }

    @Test
    void shouldIgnoreUnknownFields() {
        assertThat(post("/api/score", CUSTOMER.replace("{", "{\"favourite_colour\": \"blue\", ")))
                .hasStatusOk();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "customer_id",
                "days_since_last_contact",
                "total_contacts",
                "total_spent",
                "emails_sent",
                "emails_opened",
                "website_visits",
                "customer_age_days"
            })
    void shouldNameEachMissingField(String field) {
        String body = CUSTOMER.replaceAll("\"" + field + "\": [0-9.]+,?", "")
                .replace(",\n }", "}")
                .replace(", }", "}");
        MvcTestResult result = post("/api/score", body);
        assertThat(result)
                .hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.errors[*].field")
                .asArray()
                .contains(field);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.errors[?(@.field == '" + field + "')].message")
                .asArray()
                .containsExactly("is required");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "days_since_last_contact",
                "total_contacts",
                "total_spent",
                "emails_sent",
                "emails_opened",
                "website_visits",
                "customer_age_days"
            })
    void shouldRefuseEachNegativeField(String field) {
        String body = CUSTOMER.replaceAll("\"" + field + "\": [0-9.]+", "\"" + field + "\": -1");
        MvcTestResult result = post("/api/score", body);
        assertThat(result).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.errors[?(@.field == '" + field + "')].message")
                .asArray()
                .containsExactly("must be greater than or equal to 0");
    }

    @Test
    void shouldScoreMoreOpensThanSendsAsEveryEmailOpened() throws Exception {
        MvcTestResult repeatedOpens =
                post("/api/score", CUSTOMER.replace("\"emails_opened\": 6", "\"emails_opened\": 19"));
        MvcTestResult allOpened = post("/api/score", CUSTOMER.replace("\"emails_opened\": 6", "\"emails_opened\": 8"));
        assertThat(repeatedOpens).hasStatusOk();
        assertThat(repeatedOpens.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo(allOpened.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldRefuseAnAbsurdAmount() {
        MvcTestResult result = post("/api/score", CUSTOMER.replace("1500.50", "1e400"));
        assertThat(result).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("total_spent");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"total_contacts\": 10|\"total_contacts\": 5.7|total_contacts",
                "\"total_contacts\": 10|\"total_contacts\": 10.5|total_contacts",
                "\"total_contacts\": 10|\"total_contacts\": \"10.0\"|total_contacts",
                "\"website_visits\": 15|\"website_visits\": 1e10|website_visits",
                "\"total_contacts\": 10|\"total_contacts\": \"ten\"|total_contacts",
                "\"total_spent\": 1500.50|\"total_spent\": \"NaN\"|total_spent",
                "\"total_spent\": 1500.50|\"total_spent\": \"Infinity\"|total_spent",
                "\"website_visits\": 15|\"website_visits\": 99999999999|website_visits",
                "\"website_visits\": 15|\"website_visits\": [15]|website_visits"
            })
    void shouldRefuseAWrongTypeNamingTheField(String valid, String invalid, String field) {
        MvcTestResult result = post("/api/score", CUSTOMER.replace(valid, invalid));
        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().doesNotContain("com.smoft", "Exception");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0", "1e1", "10.000", "\"10\"", "\" 10 \""})
    void shouldReadACountWrittenAsAWholeFloatOrANumericStringAsThatCount(String written) throws Exception {
        String asWritten = CUSTOMER.replace("\"total_contacts\": 10", "\"total_contacts\": " + written)
                .replace(
                        "\"website_visits\": 15",
                        "\"website_visits\": 1" + written.replace("\"", "").strip());
        String asIntegers = CUSTOMER.replace("\"website_visits\": 15", "\"website_visits\": 110");
        MvcTestResult result = post("/api/score", asWritten);
        assertThat(result).hasStatusOk();
        assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo(post("/api/score", asIntegers).getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{bad json", "", "[]", "null", "42", "{\"customer_id\": 1} trailing"})
    void shouldRefuseMalformedBodiesWith400(String body) {
        MvcTestResult result = postInEnglish("/api/score", body);
        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Malformed request body");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .doesNotContain("com.smoft", "tools.jackson");
        MvcTestResult french = post("/api/score", body);
        assertThat(french).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(french).bodyJson().extractingPath("$.title").isEqualTo("Corps de requête illisible");
        assertThat(french)
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .isNotBlank()
                .doesNotContain("com.smoft", "tools.jackson");
    }

    @Test
    void shouldRefuseAWrongContentTypeWith415() {
        MvcTestResult result = mvc.post()
                .uri("/api/score")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("Accept-Language", "en")
                .content(CUSTOMER)
                .exchange();
        assertThat(result)
                .hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .contains(
                        "'application/x-www-form-urlencoded'",
                        "send application/json",
                        "-H 'Content-Type: application/json'");
    }

    @Test
    void shouldScoreABatchInInputOrderWithSummaryAndStatistics() {
        String batch = "{\"clients\": [" + CUSTOMER + ","
                + CUSTOMER.replace("\"customer_id\": 1", "\"customer_id\": 2")
                        .replace("\"days_since_last_contact\": 5", "\"days_since_last_contact\": 300")
                        .replace("\"emails_opened\": 6", "\"emails_opened\": 0")
                + "]}";
        MvcTestResult result = post("/api/batch_score", batch);
        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.count").isEqualTo(2);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.results[*].customer_id")
                .asArray()
                .containsExactly(1, 2);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.statistics.total_clients")
                .isEqualTo(2);
        assertThat(result).bodyJson().extractingPath("$.summary").asMap().containsOnlyKeys("Hot", "Warm", "Cold");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.results[0].score")
                .isEqualTo(scorer.score(TestCustomers.SAMPLE).score());
    }

    @Test
    void shouldSortTheCallListByScoreOnRequest() {
        String cold = CUSTOMER.replace("\"customer_id\": 1", "\"customer_id\": 7")
                .replace("\"days_since_last_contact\": 5", "\"days_since_last_contact\": 300")
                .replace("\"emails_opened\": 6", "\"emails_opened\": 0")
                .replace("\"website_visits\": 15", "\"website_visits\": 0");
        MvcTestResult result = post("/api/batch_score?sort=score", "{\"clients\": [" + cold + "," + CUSTOMER + "]}");
        assertThat(result).hasStatusOk();
        assertThat(result)
                .bodyJson()
                .extractingPath("$.results[*].customer_id")
                .asArray()
                .containsExactly(1, 7);
    }

    @Test
    void shouldRefuseAnUnknownSortOrder() {
        assertThat(post("/api/batch_score?sort=name", batchOf(CUSTOMER))).hasStatus(HttpStatus.BAD_REQUEST);
    }

    @Test
    void shouldRefuseABatchOverTheLimitWith413SayingTheLimit() {
        String batch = "{\"clients\": [" + String.join(",", Collections.nCopies(6, CUSTOMER)) + "]}";
        MvcTestResult result = postInEnglish("/api/batch_score", batch);
        assertThat(result).hasStatus(HttpStatus.CONTENT_TOO_LARGE).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .contains("more than 5 customers", "limit is 5");
        assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("batch_too_large");
        assertThat(result).bodyJson().extractingPath("$.params.limit").isEqualTo(5);
        assertThat(post("/api/batch_score", batch))
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .contains("plus de 5 clients", "la limite est 5");
    }

    @Test
    void shouldSayWhyAFieldOfTheWrongTypeIsRefusedInTheCallersLanguage() {
        String bad = CUSTOMER.replace("\"days_since_last_contact\": 5", "\"days_since_last_contact\": \"cinq\"");
        assertThat(bad).isNotEqualTo(CUSTOMER);
        assertThat(post("/api/score", bad))
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .isEqualTo("Champ days_since_last_contact : doit être un nombre entier.");
        assertThat(postInEnglish("/api/score", bad))
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .isEqualTo("Field days_since_last_contact: value cinq is not a valid whole number (32-bit).");
    }

    @Test
    void shouldNameTheFieldOfANumberTooLargeToReadRatherThanSayTheBodyIsMissing() {
        String bad = CUSTOMER.replace("\"total_spent\": 1500.50", "\"total_spent\": 1e99999999999");
        assertThat(bad).isNotEqualTo(CUSTOMER);
        MvcTestResult result = postInEnglish("/api/score", bad);
        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("total_spent");
    }

    @Test
    void shouldRefuseAWholeBatchNamingEveryBadRowByIndex() {
        String bad3 = CUSTOMER.replace("\"emails_sent\": 8", "\"emails_sent\": -8");
        String bad4 = CUSTOMER.replace("\"total_contacts\": 10", "\"total_contacts\": -2");
        String batch = "{\"clients\": [" + String.join(",", CUSTOMER, CUSTOMER, CUSTOMER, bad3, bad4) + "]}";
        MvcTestResult result = postInEnglish("/api/batch_score", batch);
        assertThat(result).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.errors[*].field")
                .asArray()
                .containsExactly("clients[3].emails_sent", "clients[4].total_contacts");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .contains("clients[3].emails_sent: must be greater than or equal to 0");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.errors[*].code")
                .asArray()
                .containsExactly("out_of_range", "out_of_range");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.errors[0].params")
                .asMap()
                .containsExactly(Map.entry("min", 0));
        assertThat(post("/api/batch_score", batch))
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .isEqualTo("2 champs refusés, le premier clients[3].emails_sent : doit être supérieur ou égal à 0.");
    }

    @Test
    void shouldNameTheRowOfAWrongTypeInABatch() {
        String batch = "{\"clients\": [" + CUSTOMER + ","
                + CUSTOMER.replace("\"total_contacts\": 10", "\"total_contacts\": 2.5") + "]}";
        MvcTestResult result = post("/api/batch_score", batch);
        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("clients[1].total_contacts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"clients\": []}", "{}", "{\"clients\": null}", "{\"clients\": [null]}"})
    void shouldRefuseEmptyOrMissingBatches(String body) {
        MvcTestResult result = post("/api/batch_score", body);
        assertThat(result).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .asString()
                .startsWith("clients");
    }

    @Test
    void shouldAddNextActionAlwaysAndReasonsOnlyWhenAsked() {
        MvcTestResult plain = post("/api/score", CUSTOMER);
        assertThat(plain)
                .bodyJson()
                .extractingPath("$.next_action.action")
                .asString()
                .isIn("CALL", "EMAIL", "NURTURE");
        assertThat(plain)
                .bodyJson()
                .extractingPath("$.next_action.within_hours")
                .asNumber()
                .isNotNull();
        assertThat(plain).bodyJson().doesNotHavePath("$.reasons");
        assertThat(plain).bodyJson().doesNotHavePath("$.base_score");

        MvcTestResult explained = post("/api/score?explain=true", CUSTOMER);
        assertThat(explained).hasStatusOk();
        assertThat(explained)
                .bodyJson()
                .extractingPath("$.reasons")
                .asArray()
                .isNotEmpty()
                .hasSizeLessThanOrEqualTo(6);
        assertThat(explained)
                .bodyJson()
                .extractingPath("$.reasons[0].feature")
                .asString()
                .isNotBlank();
        assertThat(explained)
                .bodyJson()
                .extractingPath("$.reasons[0].text")
                .asString()
                .isNotBlank();
        assertThat(explained)
                .bodyJson()
                .extractingPath("$.base_score")
                .asNumber()
                .isNotNull();
    }

    @Test
    void shouldGiveTheNextStepOfACustomerBelowHotOnlyWhenAsked() {
        String warm = CUSTOMER.replace("\"days_since_last_contact\": 5", "\"days_since_last_contact\": 10")
                .replace("\"total_contacts\": 10", "\"total_contacts\": 8")
                .replace("\"total_spent\": 1500.50", "\"total_spent\": 800")
                .replace("\"emails_sent\": 8", "\"emails_sent\": 10")
                .replace("\"emails_opened\": 6", "\"emails_opened\": 4")
                .replace("\"website_visits\": 15", "\"website_visits\": 8")
                .replace("\"customer_age_days\": 120", "\"customer_age_days\": 300");
        assertThat(post("/api/score", warm)).bodyJson().doesNotHavePath("$.next_step");
        MvcTestResult result = post("/api/score?whatif=true", warm);
        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().doesNotHavePath("$.at_risk_after").doesNotHavePath("$.reasons");
        assertThat(result).bodyJson().extractingPath("$.segment").isEqualTo("Warm");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.next_step")
                .isEqualTo(Map.of(
                        "target",
                        "Hot",
                        "reached",
                        true,
                        "actions",
                        java.util.List.of(Map.of("action", "email_opened", "times", 3)),
                        "score",
                        78,
                        "segment",
                        "Hot",
                        "probability",
                        0.7761,
                        "customer",
                        Map.of(
                                "customer_id", 1,
                                "days_since_last_contact", 10,
                                "total_contacts", 8,
                                "total_spent", 800.0,
                                "emails_sent", 13,
                                "emails_opened", 7,
                                "website_visits", 8,
                                "customer_age_days", 300),
                        "text",
                        "Envoyez-lui 3 emails qu'il ouvre : il passerait de 45 à 78 (Chaud)"));
        // The customer after the step, scored as any other, gets the score it claims.
        MvcTestResult after = post("/api/score", """
                {"customer_id": 1, "days_since_last_contact": 10, "total_contacts": 8, "total_spent": 800.0,
                 "emails_sent": 13, "emails_opened": 7, "website_visits": 8, "customer_age_days": 300}""");
        assertThat(after).bodyJson().extractingPath("$.score").isEqualTo(78);
        assertThat(after).bodyJson().extractingPath("$.segment").isEqualTo("Hot");
    }

    @Test
    void shouldSayHowLongAHotCustomerStaysHotWithExplainToo() throws Exception {
        MvcTestResult result = post("/api/score?explain=true", CUSTOMER);
        assertThat(result).bodyJson().doesNotHavePath("$.next_step");
        assertThat(result).bodyJson().extractingPath("$.at_risk_after.segment").isEqualTo("Warm");
        int days =
                JsonPath.read(result.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.at_risk_after.days");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.at_risk_after.text")
                .isEqualTo("Sans contact, il repasse Tiède dans " + days + " jours");
        assertThat(mvc.post()
                        .uri("/api/score?whatif=true")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("Accept-Language", "en")
                        .content(CUSTOMER)
                        .exchange())
                .bodyJson()
                .extractingPath("$.at_risk_after.text")
                .isEqualTo("Without contact, they fall back to Warm in " + days + " days");
    }

    @Test
    void shouldAddTheWhatIfSearchToABatchOnRequestButNotToItsCompactView() {
        String batch = batchOf(
                CUSTOMER, CUSTOMER.replace("\"days_since_last_contact\": 5", "\"days_since_last_contact\": 200"));
        MvcTestResult plain = post("/api/batch_score", batch);
        assertThat(plain).bodyJson().doesNotHavePath("$.results[0].at_risk_after");
        MvcTestResult searched = post("/api/batch_score?whatif=true", batch);
        assertThat(searched)
                .bodyJson()
                .extractingPath("$.results[0].at_risk_after.days")
                .isNotNull();
        assertThat(searched).bodyJson().hasPath("$.results[1].next_step.text");
        assertThat(post("/api/batch_score?whatif=true&view=compact", batch))
                .bodyJson()
                .doesNotHavePath("$.results[0].at_risk_after")
                .doesNotHavePath("$.results[1].next_step");
    }

    @Test
    void shouldExplainInEnglishOnRequest() {
        String silent = CUSTOMER.replace("\"days_since_last_contact\": 5", "\"days_since_last_contact\": 120")
                .replace("\"emails_opened\": 6", "\"emails_opened\": 0");
        MvcTestResult french = post("/api/score?explain=true", silent);
        assertThat(french)
                .bodyJson()
                .extractingPath("$.reasons[*].text")
                .asArray()
                .contains("Aucun contact depuis 120 jours");
        MvcTestResult english = mvc.post()
                .uri("/api/score?explain=true")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Accept-Language", "en")
                .content(silent)
                .exchange();
        assertThat(english)
                .bodyJson()
                .extractingPath("$.reasons[*].text")
                .asArray()
                .contains("No contact for 120 days");
        assertThat(english)
                .bodyJson()
                .extractingPath("$.next_action.text")
                .asString()
                .doesNotContain("Appeler", "Envoyer", "Inscrire");
    }

    @Test
    void shouldExplainABatchOnRequestWithinItsOwnLimit() {
        MvcTestResult explained =
                post("/api/batch_score", "{\"explain\": true, \"clients\": [" + CUSTOMER + "," + CUSTOMER + "]}");
        assertThat(explained).hasStatusOk();
        assertThat(explained)
                .bodyJson()
                .extractingPath("$.results[1].reasons")
                .asArray()
                .isNotEmpty();
        MvcTestResult tooMany = post(
                "/api/batch_score",
                "{\"explain\": true, \"clients\": [" + String.join(",", CUSTOMER, CUSTOMER, CUSTOMER) + "]}");
        assertThat(tooMany).hasStatus(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(tooMany).bodyJson().extractingPath("$.detail").asString().contains("crm.batch.max-explained");
        assertThat(post("/api/batch_score", "{\"clients\": [" + String.join(",", CUSTOMER, CUSTOMER, CUSTOMER) + "]}"))
                .hasStatusOk();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[]",
                "{\"clients\": {}}",
                "{\"clients\": 3}",
                "{\"clients\": [], \"explain\": \"yes\"}",
                "{\"clients\": [[1]]}",
                "{\"clients\": []} {}",
                "{\"clients\": [",
                "nope"
            })
    void shouldRefuseBatchBodiesOfTheWrongShapeWith400(String body) {
        MvcTestResult result = post("/api/batch_score", body);
        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .isNotBlank()
                .doesNotContain("com.smoft", "tools.jackson");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"00Q5e00000AbCdE\"",
                "\"CUST-001\"",
                "\"42\"",
                "\"Société Générale n°7\"",
                "1042",
                "0",
                "9007199254740993"
            })
    void shouldEchoTheCustomerIdWithItsJsonTypeAndValue(String id) throws Exception {
        String customer = CUSTOMER.replace("\"customer_id\": 1", "\"customer_id\": " + id);
        MvcTestResult single = post("/api/score", customer);
        assertThat(single).hasStatusOk();
        assertThat(single.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .startsWith("{\"customer_id\":" + id + ",");
        for (String view : new String[] {"full", "compact"}) {
            MvcTestResult batch = post("/api/batch_score?view=" + view, "{\"clients\": [" + customer + "]}");
            assertThat(batch.getResponse().getContentAsString(StandardCharsets.UTF_8))
                    .startsWith("{\"results\":[{\"customer_id\":" + id + ",");
        }
    }

    @Test
    void shouldReadAnIdWrittenAsAWholeFloatAsThatNumber() throws Exception {
        MvcTestResult result = post("/api/score", CUSTOMER.replace("\"customer_id\": 1", "\"customer_id\": 1042.0"));
        assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .startsWith("{\"customer_id\":1042,");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"\"",
                "\"   \"",
                "\"a\\u0000b\"",
                "\"tab\\there\"",
                "-1",
                "1.5",
                "{}",
                "[1]",
                "true",
                "1e400",
                "\"gnp\\u202Eexe.png\"",
                "\"CUST\\u200B1\"",
                "\"A\\uD800B\"",
                "\"\\uDC00\"",
                "\"a\\u2028b\"",
                "\"\\uFEFFid\"",
                "\"x\\u00ADy\"",
                "\"\\u0301abc\"",
                "\"a\\uFFFDb\"",
                "\"\\uE000\""
            })
    void shouldRefuseAnIdThatIsNeitherAWholeNumberNorAPrintableText(String id) {
        MvcTestResult result = post("/api/score", CUSTOMER.replace("\"customer_id\": 1", "\"customer_id\": " + id));
        assertThat(result).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("customer_id");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.errors[0].message")
                .asString()
                .contains("64 printable characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hélène Dupont", "He\u0301le\u0300ne", "00Q5e00000AbCdE", "CUST-001 / €", "客户-42", "Ω≈ç√"})
    void shouldAcceptAnIdOfLettersDigitsPunctuationSymbolsAndSpaces(String id) {
        MvcTestResult result =
                post("/api/score", CUSTOMER.replace("\"customer_id\": 1", "\"customer_id\": \"" + id + "\""));
        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.customer_id").isEqualTo(id);
    }

    @Test
    void shouldRefuseAnIdLongerThan64Characters() {
        assertThat(post(
                        "/api/score",
                        CUSTOMER.replace("\"customer_id\": 1", "\"customer_id\": \"" + "x".repeat(64) + "\"")))
                .hasStatusOk();
        assertThat(post(
                        "/api/score",
                        CUSTOMER.replace("\"customer_id\": 1", "\"customer_id\": \"" + "x".repeat(65) + "\"")))
                .hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
    }

    @Test
    void shouldScoreTheValidRowsAndListTheOthersWhenAskedToSkipThem() {
        String negative = CUSTOMER.replace("\"customer_id\": 1", "\"customer_id\": \"CUST-7\"")
                .replace("\"total_contacts\": 10", "\"total_contacts\": -2");
        String wrongType = CUSTOMER.replace("\"customer_id\": 1", "\"customer_id\": 9")
                .replace("\"website_visits\": 15", "\"website_visits\": \"many\"");
        String batch = "{\"clients\": [" + String.join(",", CUSTOMER, negative, "null", wrongType, CUSTOMER) + "]}";

        MvcTestResult result = post("/api/batch_score?invalid=skip", batch);
        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.count").isEqualTo(2);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.statistics.total_clients")
                .isEqualTo(2);
        assertThat(result).bodyJson().extractingPath("$.rejected_count").isEqualTo(3);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.rejected[*].index")
                .asArray()
                .containsExactly(1, 2, 3);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.rejected[0].customer_id")
                .isEqualTo("CUST-7");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.rejected[0].errors[0].field")
                .isEqualTo("total_contacts");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.rejected[0].errors[0].message")
                .isEqualTo("must be greater than or equal to 0");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.rejected[2].customer_id")
                .isEqualTo(9);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.rejected[2].errors[0].field")
                .isEqualTo("website_visits");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.rejected[2].errors[0].code")
                .isEqualTo("wrong_type");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.rejected[2].errors[0].params.expected")
                .isEqualTo("whole_number");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.rejected[1].errors[0].code")
                .isEqualTo("not_a_customer");

        assertThat(post("/api/batch_score", batch)).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(post("/api/batch_score", "{\"clients\": [" + CUSTOMER + "," + negative + "]}"))
                .hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
    }

    @Test
    void shouldNameEveryBadFieldOfASkippedRowNotOnlyTheFirstWrongType() {
        String threeBad = CUSTOMER.replace("\"days_since_last_contact\": 5", "\"days_since_last_contact\": 5.7")
                .replace("\"total_spent\": 1500.50", "\"total_spent\": -1")
                .replace("\"website_visits\": 15", "\"website_visits\": \"many\"")
                .replace(", \"customer_age_days\": 120", "");
        MvcTestResult result =
                post("/api/batch_score?invalid=skip", "{\"clients\": [" + CUSTOMER + "," + threeBad + "]}");
        assertThat(result).hasStatusOk();
        assertThat(result)
                .bodyJson()
                .extractingPath("$.rejected[0].errors[*].field")
                .asArray()
                .containsExactlyInAnyOrder(
                        "days_since_last_contact", "website_visits", "total_spent", "customer_age_days");
    }

    @Test
    void shouldRefuseWith422ASkippingBatchWhoseEveryRowIsInvalidNamingEachRow() {
        String negative = CUSTOMER.replace("\"total_contacts\": 10", "\"total_contacts\": -2");
        MvcTestResult result = post("/api/batch_score?invalid=skip", "{\"clients\": [" + negative + ", [1, 2]]}");
        assertThat(result).hasStatus(422);
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("clients[0].total_contacts");
        assertThat(result).bodyJson().extractingPath("$.errors[1].field").isEqualTo("clients[1]");
        assertThat(result).bodyJson().extractingPath("$.errors[1].message").isEqualTo("must be a customer object");
        assertThat(post("/api/batch_score?invalid=skip", "{\"clients\": [" + negative + ", " + CUSTOMER + "]}"))
                .hasStatusOk();
    }

    @Test
    void shouldGiveTheModelVersionOnceInABatchNotInEveryResult() {
        MvcTestResult result = post("/api/batch_score", "{\"clients\": [" + CUSTOMER + "," + CUSTOMER + "]}");
        assertThat(result).hasStatusOk();
        assertThat(result)
                .bodyJson()
                .extractingPath("$.model_version")
                .isEqualTo(scorer.model().version());
        assertThat(result)
                .bodyJson()
                .extractingPath("$.results[*].model_version")
                .asArray()
                .isEmpty();
        assertThat(result)
                .bodyJson()
                .extractingPath("$.results[0].recommendation")
                .asString()
                .isNotEmpty();
    }

    @Test
    void shouldListOnlyIdScoreSegmentAndProbabilityInTheCompactView() throws Exception {
        String explainedBatch = "{\"explain\": true, \"clients\": [" + CUSTOMER + "]}";
        MvcTestResult compact = post("/api/batch_score?view=compact&sort=score", explainedBatch);
        MvcTestResult full = post("/api/batch_score", explainedBatch);
        assertThat(compact).hasStatusOk();
        assertThat(compact)
                .bodyJson()
                .extractingPath("$.results[0]")
                .asMap()
                .containsOnlyKeys("customer_id", "score", "segment", "probability");
        for (String field : new String[] {"customer_id", "score", "segment", "probability"}) {
            assertThat(compact)
                    .bodyJson()
                    .extractingPath("$.results[0]." + field)
                    .isEqualTo(JsonPath.read(
                            full.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.results[0]." + field));
        }
        assertThat(compact).bodyJson().extractingPath("$.summary.Hot").isEqualTo(1);
        assertThat(post("/api/batch_score?view=tiny", explainedBatch)).hasStatus(HttpStatus.BAD_REQUEST);
    }

    @Test
    void shouldIgnoreUnknownFieldsOfABatch() {
        MvcTestResult result =
                post("/api/batch_score", "{\"source\": {\"crm\": [1, 2]}, \"clients\": [" + CUSTOMER + "]}");
        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.count").isEqualTo(1);
    }
}
