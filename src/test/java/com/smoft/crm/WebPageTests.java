package com.smoft.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.LeadScorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web page, used as a person would, in Debian's headless Chromium. Screenshots go to
 * {@code target/screenshots}. Skipped, with a message, on a machine without chromium and chromedriver
 * ({@code apt-get install chromium chromium-driver}); {@code .ci/run} installs both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebPageTests {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** A French CRM export: semicolons, decimal commas, Windows-1252, names and phones, an id above 2^53. */
    static final Path FRENCH_EXPORT = Path.of("src/test/resources/web/export-fr.csv");
    private static final java.util.Map<String, String> FRENCH_SEGMENTS = java.util.Map.of("Hot", "Chaud", "Warm", "Tiède", "Cold", "Froid");

    private final tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();

    private static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    LeadScorer scorer;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = HeadlessChromium.start();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void openPage() {
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get("http://localhost:" + port + "/");
        // As a person waits to see the form: its labels come from the service, and the layout settles once they do.
        waiting().until(driver -> !driver.findElement(By.cssSelector("label[for=total_spent]")).getText().isEmpty());
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
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
    private java.util.List<String> consoleErrors() {
        return browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(org.openqa.selenium.logging.LogEntry::getMessage).toList();
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
        waiting().until(driver -> !byId("reasons").findElements(By.tagName("li")).isEmpty());

        var expected = scorer.score(new Customer(1, 2, 25, 4000, 30, 27, 60, 700));
        assertThat(byId("score-value").getText()).isEqualTo(String.valueOf(expected.score()));
        assertThat(byId("segment").getText()).isEqualTo(FRENCH_SEGMENTS.get(expected.segment().label()));
        assertThat(byId("base-score").getText()).startsWith("Score moyen des clients : ");
        assertThat(byId("recommendation").getText()).isEqualTo(expected.recommendation());
        assertThat(byId("next-action").getText()).isEqualTo(expected.nextAction().text());
        assertThat(byId("reasons").findElements(By.tagName("li"))).hasSizeBetween(1, 6);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", byId("segment"));
        screenshot("score-one-customer");
    }

    @Test
    void shouldBuildTheFormFromTheServicesContractAndTakeACrmTextId() throws IOException {
        waiting().until(driver -> !byId("total_spent").getAttribute("max").isEmpty());
        assertThat(browser.findElement(By.cssSelector("label[for=total_spent]")).getText()).isEqualTo("Montant dépensé (€)");
        assertThat(byId("emails_sent").getAttribute("min")).isEqualTo("0");
        type("customer_id", "CUST-007");
        byId("score-button").click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
        assertThat(byId("customer_id-error").getText()).isEmpty();
        byId("language").click();
        assertThat(browser.findElement(By.cssSelector("label[for=total_spent]")).getText()).isEqualTo("Amount spent (€)");
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
    void shouldRankAnUploadedCsvHotFirstWithFilterAndSearch() throws IOException {
        byId("base").isDisplayed();
        browser.findElement(By.cssSelector("[data-tab=base]")).click();
        byId("csv-file").sendKeys(Path.of("src/test/resources/web/customers.csv").toAbsolutePath().toString());
        byId("batch-button").click();
        waiting().until(driver -> byId("call-list").findElements(By.cssSelector("tbody tr")).size() == 5);

        List<WebElement> rows = byId("call-list").findElements(By.cssSelector("tbody tr"));
        List<Integer> scores = rows.stream().map(row -> Integer.parseInt(row.findElements(By.tagName("td")).get(2).getText())).toList();
        assertThat(scores).isSortedAccordingTo((a, b) -> b - a);
        assertThat(rows.getFirst().findElements(By.tagName("td")).get(1).getText()).isEqualTo("101");
        assertThat(byId("counts").getText()).contains("Chaud :", "Tiède :", "Froid :");
        screenshot("score-my-base");

        new org.openqa.selenium.support.ui.Select(byId("segment-filter")).selectByValue("Cold");
        assertThat(byId("call-list").findElements(By.cssSelector("tbody tr")))
                .allSatisfy(row -> assertThat(row.findElements(By.tagName("td")).get(3).getText()).isEqualTo("Froid"));
        new org.openqa.selenium.support.ui.Select(byId("segment-filter")).selectByValue("");
        type("row-search", "104");
        assertThat(byId("call-list").findElements(By.cssSelector("tbody tr"))).hasSize(1);
    }

    @Test
    void shouldNameTheBadRowOfACsvInWords() throws IOException {
        browser.findElement(By.cssSelector("[data-tab=base]")).click();
        byId("csv-file").sendKeys(Path.of("src/test/resources/web/customers-bad-row.csv").toAbsolutePath().toString());
        byId("batch-button").click();
        waiting().until(driver -> !byId("batch-error").getText().isBlank());
        assertThat(byId("batch-error").getText()).contains("rien n'a été noté",
                "Ligne 4 - Emails envoyés : doit être supérieur ou égal à 0 (valeur « -12 »)");
        screenshot("bad-row");
    }

    @Test
    void shouldSwitchToEnglishAndAskTheServiceAgain() throws IOException {
        byId("score-button").click();
        waiting().until(driver -> byId("recommendation").getText().contains("Priorité"));
        byId("language").click();
        assertThat(browser.findElement(By.cssSelector("label[for=total_contacts]")).getText()).isEqualTo("Number of contacts");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        waiting().until(driver -> byId("recommendation").getText().contains("priority"));
        assertThat(byId("next-action").getText()).doesNotContain("Appeler", "Envoyer", "Inscrire");
        screenshot("english");
    }

    @Test
    void shouldDrawTheModelForPeopleWhoDoNotReadJson() throws Exception {
        browser.findElement(By.cssSelector("[data-tab=model]")).click();
        waiting().until(driver -> byId("importance").findElements(By.className("bar-row")).size() == 7);
        assertThat(byId("distribution").findElements(By.tagName("div"))).hasSize(10);
        assertThat(byId("metrics").findElements(By.tagName("tr"))).hasSize(7);
        assertThat(byId("metrics").getText()).contains("AUC", "Chances de classer un client qui signe");
        assertThat(byId("importance").getText()).contains("Taux d'ouverture des emails").doesNotContain("email_open_rate");

        // In words first: when, on what, and what a score of 80 means, from the API's own numbers.
        JsonNode model = json.readTree(get("/api/stats")).get("model");
        String summary = byId("model-summary").getText().replace('\u202f', ' ').replace('\u00a0', ' ');
        java.text.NumberFormat french = java.text.NumberFormat.getIntegerInstance(java.util.Locale.FRANCE);
        assertThat(summary).contains(("sur " + french.format(model.get("training_rows").asInt()) + " clients, dont "
                        + french.format(model.get("training_converted").asInt()) + " ont signé").replace('\u202f', ' ').replace('\u00a0', ' '))
                .containsPattern("Sur 100 clients notés autour de \\d+, environ \\d+ ont signé");
        JsonNode band80 = null;
        for (JsonNode band : model.get("reliability")) {
            if (band.get("from").asInt() == 80) {
                band80 = band;
            }
        }
        assertThat(summary).contains("environ " + Math.round(band80.get("observed_rate").asDouble()) + " ont signé");

        // The reliability chart: one dot per band of the holdout, placed from the API's numbers.
        waiting().until(driver -> !byId("reliability").findElements(By.cssSelector("circle.band")).isEmpty());
        List<WebElement> dots = byId("reliability").findElements(By.cssSelector("circle.band"));
        assertThat(dots).hasSize(model.get("reliability").size());
        for (int i = 0; i < dots.size(); i++) {
            JsonNode band = model.get("reliability").get(i);
            assertThat(Double.parseDouble(dots.get(i).getAttribute("data-mean"))).isEqualTo(band.get("mean_score").asDouble());
            assertThat(Double.parseDouble(dots.get(i).getAttribute("data-observed"))).isEqualTo(band.get("observed_rate").asDouble());
        }

        // The versions of the store, the serving one marked.
        waiting().until(driver -> byId("versions").findElements(By.cssSelector("tr.serving")).size() == 1);
        String auc = String.format(java.util.Locale.FRANCE, "%.3f", model.get("holdout").get("auc").asDouble());
        assertThat(byId("versions").findElement(By.cssSelector("tr.serving")).getText()).contains("★ en service", auc);
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
        waiting().until(driver -> byId("call-list").findElements(By.cssSelector("tbody tr")).size() == 5);

        List<String> header = byId("call-list").findElements(By.cssSelector("thead th")).stream().map(WebElement::getText).toList();
        assertThat(header).containsExactly("#", "Nom", "Société", "Téléphone", "Email", "N° client", "Score", "Segment", "Prochaine action");
        List<WebElement> rows = byId("call-list").findElements(By.cssSelector("tbody tr"));
        assertThat(rows.stream().map(row -> Integer.parseInt(cell(row, "score").getText())).toList()).isSortedAccordingTo((a, b) -> b - a);
        WebElement first = rows.getFirst();
        assertThat(cell(first, "name").getText()).isEqualTo("Élise Crémieux");
        assertThat(cell(first, "company").getText()).isEqualTo("Crémerie du Marché");
        assertThat(cell(first, "phone").findElement(By.tagName("a")).getAttribute("href")).isEqualTo("tel:0123456789");
        assertThat(cell(first, "email").findElement(By.tagName("a")).getAttribute("href")).isEqualTo("mailto:elise@cremerie.fr");
        assertThat(cell(first, "segment").getText()).isEqualTo("Chaud");
        assertThat(cell(first, "next_action").getText()).isEqualTo("Appeler");

        // Ids as written: 2^53 + 1 is not rounded onto its neighbour, text ids stay text.
        List<String> ids = rows.stream().map(row -> cell(row, "customer_id").getText()).toList();
        assertThat(ids).containsExactlyInAnyOrder("9007199254740993", "9007199254740992", "CUST-007", "00Q5e00000AbCdE", "1042");
        assertThat(cell(first, "customer_id").getText()).isEqualTo("9007199254740993");

        type("row-search", "boulangerie");
        assertThat(byId("call-list").findElements(By.cssSelector("tbody tr"))).singleElement()
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
        waiting().until(driver -> byId("call-list").findElements(By.cssSelector("tbody tr")).size() == 5);

        String french = download();
        assertThat(french).startsWith("\uFEFF");
        List<String> lines = french.substring(1).lines().toList();
        assertThat(lines.getFirst()).isEqualTo("Nom;Société;Téléphone;E-mail;customer_id;days_since_last_contact;total_contacts;"
                + "total_spent;emails_sent;emails_opened;website_visits;customer_age_days;score;segment;probability;priority;"
                + "next_action;recommendation");
        assertThat(lines).hasSize(6);
        assertThat(lines.get(1)).startsWith("Élise Crémieux;Crémerie du Marché;01 23 45 67 89;elise@cremerie.fr;9007199254740993;2;25;4 000,00;")
                .containsPattern(";Chaud;0,\\d+;HIGH;Appeler;🔥");
        screenshot("download-french");

        byId("language").click();
        waiting().until(driver -> byId("call-list").findElements(By.cssSelector("thead th")).get(1).getText().equals("Name"));
        waiting().until(driver -> download().contains("HIGH priority"));
        String english = download();
        assertThat(english).doesNotStartWith("\uFEFF");
        List<String> englishLines = english.lines().toList();
        assertThat(englishLines.getFirst()).startsWith("Nom,Société,Téléphone,E-mail,customer_id,").endsWith(",score,segment,probability,priority,next_action,recommendation");
        assertThat(englishLines.get(1)).startsWith("Élise Crémieux,Crémerie du Marché,01 23 45 67 89,elise@cremerie.fr,9007199254740993,2,25,\"4 000,00\",")
                .containsPattern(",Hot,0\\.\\d+,HIGH,Call,🔥");
        screenshot("download-english");
    }

    /** The file the download button writes, caught where the page hands it to the browser. */
    private String download() {
        JavascriptExecutor page = (JavascriptExecutor) browser;
        // The blob is kept and the link not followed: the test reads what the user's browser would save.
        page.executeScript("window.__downloads = []; URL.createObjectURL = (blob) => { window.__downloads.push(blob); return 'about:blank'; };"
                + "HTMLAnchorElement.prototype.click = function () { };");
        byId("download").click();
        return (String) page.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "window.__downloads[0].arrayBuffer().then((b) => done(new TextDecoder('utf-8', {ignoreBOM: true}).decode(b)));");
    }

    private static WebElement cell(WebElement row, String column) {
        return row.findElement(By.cssSelector("td[data-column=" + column + "]"));
    }

    private String get(String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + path)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void shouldFitAPhoneScreenWithTheCallListScrollingInsideItsBox() throws IOException {
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get("http://localhost:" + port + "/");
        JavascriptExecutor page = (JavascriptExecutor) browser;
        assertThat((Long) page.executeScript("return document.documentElement.scrollWidth - window.innerWidth;")).isLessThanOrEqualTo(0);
        screenshot("phone");

        browser.findElement(By.cssSelector("[data-tab=base]")).click();
        byId("csv-file").sendKeys(FRENCH_EXPORT.toAbsolutePath().toString());
        byId("batch-button").click();
        waiting().until(driver -> byId("call-list").findElements(By.cssSelector("tbody tr")).size() == 5);
        assertThat((Long) page.executeScript("return document.documentElement.scrollWidth - window.innerWidth;")).isLessThanOrEqualTo(0);
        page.executeScript("arguments[0].scrollIntoView()", byId("counts"));
        screenshot("phone-call-list");
        browser.findElement(By.cssSelector("[data-tab=model]")).click();
        waiting().until(driver -> !byId("reliability").findElements(By.cssSelector("circle.band")).isEmpty());
        assertThat((Long) page.executeScript("return document.documentElement.scrollWidth - window.innerWidth;")).isLessThanOrEqualTo(0);
        page.executeScript("arguments[0].scrollIntoView()", byId("reliability"));
        screenshot("phone-model");
    }
}
