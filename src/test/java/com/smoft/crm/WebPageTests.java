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
        assertThat(byId("segment").getText()).isEqualTo(expected.segment().label());
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
        assertThat(byId("counts").getText()).contains("Hot:", "Warm:", "Cold:");
        screenshot("score-my-base");

        new org.openqa.selenium.support.ui.Select(byId("segment-filter")).selectByValue("Cold");
        assertThat(byId("call-list").findElements(By.cssSelector("tbody tr")))
                .allSatisfy(row -> assertThat(row.findElements(By.tagName("td")).get(3).getText()).isEqualTo("Cold"));
        new org.openqa.selenium.support.ui.Select(byId("segment-filter")).selectByValue("");
        type("id-search", "104");
        assertThat(byId("call-list").findElements(By.cssSelector("tbody tr"))).hasSize(1);
    }

    @Test
    void shouldNameTheBadRowOfACsvInWords() throws IOException {
        browser.findElement(By.cssSelector("[data-tab=base]")).click();
        byId("csv-file").sendKeys(Path.of("src/test/resources/web/customers-bad-row.csv").toAbsolutePath().toString());
        byId("batch-button").click();
        waiting().until(driver -> !byId("batch-error").getText().isBlank());
        assertThat(byId("batch-error").getText()).contains("rien n'a été noté",
                "Ligne 4 (client n° 3) - Emails envoyés : doit être supérieur ou égal à 0");
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
    void shouldDrawTheModelForPeopleWhoDoNotReadJson() throws IOException {
        browser.findElement(By.cssSelector("[data-tab=model]")).click();
        waiting().until(driver -> byId("importance").findElements(By.className("bar-row")).size() == 7);
        assertThat(byId("distribution").findElements(By.tagName("div"))).hasSize(10);
        assertThat(byId("metrics").findElements(By.tagName("tr"))).hasSize(7);
        assertThat(byId("metrics").getText()).contains("AUC");
        assertThat(byId("importance").getText()).contains("Taux d'ouverture des emails").doesNotContain("email_open_rate");
        screenshot("the-model");
    }

    @Test
    void shouldFitAPhoneScreen() throws IOException {
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get("http://localhost:" + port + "/");
        long overflow = (Long) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(overflow).isLessThanOrEqualTo(0);
        screenshot("phone");
    }
}
