package com.smoft.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The web page's view of the service's memory, in Debian's headless Chromium: a customer's card opened from the call
 * list or by his id (his scores as a line, his trend, his changes of segment), the new Hot leads with their download,
 * ids from CRM exports shown as text, in French and English. The same set-up as {@link WebPageTests}, so the two share
 * one Spring context and its memory.
 */
@InTheBrowser
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebPageLeadsTests {

    private static final String HEADER = "customer_id,days_since_last_contact,total_contacts,total_spent,emails_sent,"
            + "emails_opened,website_visits,customer_age_days\r\n";
    /** A customer the model scores Hot, after his id. */
    private static final String HOT_VALUES = ",2,25,4000,30,27,60,700\r\n";

    private static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    /** Ids of this run: the memory is shared with the other test classes of the same set-up. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void useTheRunsBrowser(ChromeDriver shared) throws IOException {
        browser = shared;
        Files.createDirectories(WebPageTests.SCREENSHOTS);
    }

    @Test
    void shouldOpenALeadsCardAndListTheNewHotLeadsWithIdsAsTextInFrenchAndEnglish() throws Exception {
        String lead = "LEAD-" + run;
        String markup = "<img src=x onerror=document.title='pwned'>" + run;
        String formula = "=HYPERLINK(\"http://evil.example\")" + run;
        // Two earlier days of the lead, as the memory would hold them: Cold ten days ago, then Warm.
        ZoneId paris = ZoneId.of("Europe/Paris");
        rememberEarlierDay(lead, LocalDate.now(paris).minusDays(10), 20, "Cold", paris);
        rememberEarlierDay(lead, LocalDate.now(paris).minusDays(5), 45, "Warm", paris);
        JdbcClient.create(dataSource)
                .sql("INSERT INTO lead_change (customer_id, changed_at, from_segment, to_segment, score_before,"
                        + " score_after) VALUES (?, ?, 'Cold', 'Warm', 20, 45)")
                .params(
                        lead,
                        LocalDate.now(paris)
                                .minusDays(5)
                                .atTime(10, 0)
                                .atZone(paris)
                                .toOffsetDateTime())
                .update();
        Path file = Files.createTempFile("leads-", ".csv");
        Files.writeString(
                file,
                HEADER + lead + HOT_VALUES + "\"" + markup + "\"" + HOT_VALUES + "\"" + formula.replace("\"", "\"\"")
                        + "\"" + HOT_VALUES);

        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get("http://localhost:" + port + "/");
        String title = browser.getTitle();
        waiting()
                .until(driver -> !driver.findElement(By.cssSelector("label[for=total_spent]"))
                        .getText()
                        .isEmpty());
        browser.findElement(By.cssSelector("[data-tab=base]")).click();
        byId("csv-file").sendKeys(file.toAbsolutePath().toString());
        byId("batch-button").click();
        waiting()
                .until(driver -> byId("call-list")
                                .findElements(By.cssSelector("tbody tr"))
                                .size()
                        == 3);

        // A row clicked: the card, with a dot per day, the trend in words and the changes of segment.
        String score = row("call-list", lead)
                .findElement(By.cssSelector("td[data-column=score]"))
                .getText();
        // Its outcome, dated by the day alone: joined with the score just made that day.
        new LocalService(port)
                .postJson(
                        "/api/outcomes",
                        "[{\"customer_id\": \"" + lead + "\", \"outcome\": \"converted\", \"at\": \""
                                + LocalDate.now(paris) + "\"}]");
        row("call-list", lead).click();
        waiting()
                .until(driver -> byId("lead-chart")
                                .findElements(By.cssSelector("circle.point"))
                                .size()
                        == 3);
        assertThat(byId("lead-title").getText()).isEqualTo("Fiche du client " + lead);
        assertThat(byId("lead-trend").getText()).isEqualTo("Tendance : ↗ en hausse");
        assertThat(byId("lead-changes").findElements(By.tagName("li")))
                .extracting(WebElement::getText)
                .hasSize(2)
                .satisfies(
                        changes -> assertThat(changes.getFirst()).endsWith(" : premier score, Chaud (" + score + ")"))
                .satisfies(changes -> assertThat(changes.getLast()).endsWith(" : Froid → Tiède (20 → 45)"));
        assertThat(byId("lead-outcomes").getText()).contains(" : a signé, après le score " + score + " du modèle ");
        assertThat(byId("lead-chart")
                        .findElements(By.cssSelector("circle.point"))
                        .getFirst()
                        .findElement(By.tagName("title"))
                        .getAttribute("textContent"))
                .contains(": 20 (Froid), modèle model-old");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("lead-title");
        screenshot("lead-card");

        // An id that is markup, from a CRM export: shown as the text it is, run nowhere.
        row("call-list", markup).click();
        waiting()
                .until(driver -> byId("lead-title").getText().equals("Fiche du client " + markup)
                        && byId("lead-body").isDisplayed());
        waiting().until(driver -> byId("lead-trend").getText().equals("Tendance : pas assez d'historique"));
        assertThat(byId("lead-card").findElements(By.tagName("img"))).isEmpty();

        // A customer the memory does not know: the service's sentence, no chart.
        String unknown = "NOBODY-" + run;
        type("lead-id", unknown + Keys.ENTER);
        waiting().until(driver -> !byId("lead-error").getText().isEmpty());
        assertThat(byId("lead-error").getText()).isEqualTo("La mémoire ne contient rien du client " + unknown + ".");
        assertThat(byId("lead-body").isDisplayed()).isFalse();

        // A memory that does not answer (a 503 with no problem body): the page's own sentence.
        ((JavascriptExecutor) browser)
                .executeScript("window.__fetch = window.fetch; window.fetch = (url, options) => "
                        + "String(url).startsWith('/api/lead?') ? Promise.resolve(new Response('', { status: 503 })) "
                        + ": window.__fetch(url, options);");
        type("lead-id", lead + Keys.ENTER);
        waiting()
                .until(driver -> byId("lead-error")
                        .getText()
                        .equals("La mémoire du service ne répond pas : réessayez dans quelques secondes."));
        ((JavascriptExecutor) browser).executeScript("window.fetch = window.__fetch;");

        // The new Hot leads since yesterday, the row of the markup id as text, and their spreadsheet.
        browser.findElement(By.cssSelector("[data-tab=hot]")).click();
        waiting().until(driver -> row("hot-list", formula) != null);
        assertThat(row("hot-list", lead).getText()).contains("Chaud");
        assertThat(row("hot-list", markup)
                        .findElement(By.cssSelector("td[data-column=customer_id]"))
                        .getText())
                .isEqualTo(markup);
        assertThat(byId("hot-list").findElements(By.tagName("img"))).isEmpty();
        screenshot("new-hot-leads");
        String sheet = download("hot-download");
        assertThat(sheet).startsWith("\uFEFF#;");
        List<String> lines = sheet.substring(1).lines().toList();
        assertThat(lines.getFirst()).contains(";Devenu chaud le");
        assertThat(lines)
                .anyMatch(line -> line.matches("\\d+;" + lead + ";" + score + ";Chaud;;;.*")
                        && line.matches(".*;\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}"));
        assertThat(lines).anyMatch(line -> line.contains(";\"'=HYPERLINK(\"\"http://evil.example\"\")" + run + "\";"));
        assertThat(lines)
                .hasSize(byId("hot-list")
                                .findElements(By.cssSelector("tbody tr"))
                                .size()
                        + 1);

        // In English, from the keyboard: a row of the new Hot leads opened with Enter.
        byId("language").click();
        waiting()
                .until(driver -> byId("hot-list")
                        .findElement(By.cssSelector("th[data-column=changed_at]"))
                        .getText()
                        .equals("Became Hot on"));
        row("hot-list", lead).sendKeys(Keys.ENTER);
        waiting().until(driver -> byId("lead-trend").getText().equals("Trend: ↗ improving"));
        assertThat(byId("lead-title").getText()).isEqualTo("Customer " + lead);
        assertThat(byId("lead-changes").getText()).contains(": Cold → Warm (20 → 45)");
        assertThat(byId("lead-outcomes").getText()).contains(": signed, after score " + score + " of model ");
        type("lead-id", unknown + Keys.ENTER);
        waiting()
                .until(driver ->
                        byId("lead-error").getText().equals("The memory holds nothing of customer " + unknown + "."));
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waiting().until(driver -> !byId("lead-card").isDisplayed());
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("lead-id");
        assertThat(browser.getTitle()).isEqualTo(title);
    }

    /** A day of a lead's history, written as the memory writes it, with a model of its own. */
    private void rememberEarlierDay(String customer, LocalDate day, int score, String segment, ZoneId zone) {
        JdbcClient.create(dataSource)
                .sql("INSERT INTO lead_point (customer_id, scored_on, scored_at, score, probability, segment,"
                        + " model_version, days_since_last_contact, total_contacts, total_spent, emails_sent,"
                        + " emails_opened, website_visits, customer_age_days)"
                        + " VALUES (?, ?, ?, ?, ?, ?, 'model-old', 30, 5, 500, 10, 2, 3, 300)")
                .params(customer, day, day.atTime(10, 0).atZone(zone).toOffsetDateTime(), score, score / 100.0, segment)
                .update();
    }

    /** The row of a list whose customer is this one, or null while there is none. */
    private WebElement row(String list, String customer) {
        return byId(list).findElements(By.cssSelector("tbody tr")).stream()
                .filter(row -> customer.equals(row.getAttribute("data-customer-id")))
                .findFirst()
                .orElse(null);
    }

    private WebDriverWait waiting() {
        WebDriverWait waiting = new WebDriverWait(browser, Duration.ofSeconds(20), WebPageTests.POLLING);
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
        Files.write(WebPageTests.SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** The file a download button writes, caught where the page hands it to the browser. */
    private String download(String button) {
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript(
                "window.__downloads = []; URL.createObjectURL = (blob) => { window.__downloads.push(blob); return 'about:blank'; };"
                        + "HTMLAnchorElement.prototype.click = function () { };");
        byId(button).click();
        return (String)
                page.executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "window.__downloads[0].arrayBuffer().then((b) => done(new TextDecoder('utf-8', {ignoreBOM: true}).decode(b)));");
    }
}
