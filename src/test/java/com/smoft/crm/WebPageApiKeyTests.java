package com.smoft.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web page and Swagger UI of a service run with API keys: the page says a key is needed and works once one is
 * typed; Swagger UI's Authorize takes it for "Try it out".
 */
@InTheBrowser
@ServiceWithKeys
class WebPageApiKeyTests {

    private static ChromeDriver browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void useTheRunsBrowser(ChromeDriver shared) throws IOException {
        browser = shared;
        Files.createDirectories(WebPageTests.SCREENSHOTS);
    }

    @Test
    void shouldAskForTheKeyThenScoreWithIt() throws IOException {
        browser.get("http://localhost:" + port + "/");
        WebDriverWait waiting = new WebDriverWait(browser, Duration.ofSeconds(10), WebPageTests.POLLING);
        // The form is built from the service's contract (open without a key); click once it is there.
        waiting.until(driver -> !driver.findElement(By.cssSelector("label[for=total_spent]"))
                .getText()
                .isEmpty());
        browser.findElement(By.id("score-button")).click();
        waiting.until(
                driver -> driver.findElement(By.id("form-error")).getText().contains("clé API"));
        Files.write(WebPageTests.SCREENSHOTS.resolve("api-key-needed.png"), browser.getScreenshotAs(OutputType.BYTES));

        browser.findElement(By.id("api-key")).sendKeys(ServiceWithKeys.SCORING_KEY);
        browser.findElement(By.id("score-button")).click();
        waiting.until(driver -> driver.findElement(By.id("result")).isDisplayed());
        assertThat(browser.findElement(By.id("segment")).getText()).isIn("Chaud", "Tiède", "Froid");
    }

    /** Swagger UI with keys set: Authorize takes the scoring key, and "Try it out" on POST /api/score gets 200. */
    @Test
    void shouldLetSwaggerUiAuthorizeWithTheKeyAndTryAScore() throws IOException {
        browser.get("http://localhost:" + port + "/docs");
        WebDriverWait waiting = new WebDriverWait(browser, Duration.ofSeconds(15), WebPageTests.POLLING);
        waiting.until(driver ->
                !driver.findElements(By.cssSelector("button.authorize")).isEmpty());
        browser.findElement(By.cssSelector("button.authorize")).click();
        waiting.until(driver ->
                !driver.findElements(By.cssSelector(".auth-container input")).isEmpty());
        browser.findElement(By.cssSelector(".auth-container input")).sendKeys(ServiceWithKeys.SCORING_KEY);
        browser.findElement(By.cssSelector(".auth-container .modal-btn.authorize"))
                .click();
        browser.findElement(By.cssSelector(".btn-done")).click();

        WebElement score = browser.findElements(By.cssSelector(".opblock-post")).stream()
                .filter(operation -> operation
                        .findElement(By.cssSelector(".opblock-summary-path"))
                        .getText()
                        .equals("/api/score"))
                .findFirst()
                .orElseThrow();
        score.findElement(By.cssSelector(".opblock-summary")).click();
        waiting.until(
                driver -> !score.findElements(By.cssSelector(".try-out__btn")).isEmpty());
        score.findElement(By.cssSelector(".try-out__btn")).click();
        waiting.until(driver -> !score.findElements(By.cssSelector(".execute")).isEmpty());
        score.findElement(By.cssSelector(".execute")).click();
        waiting.until(driver -> !score.findElements(By.cssSelector(".live-responses-table tbody .response-col_status"))
                .isEmpty());
        Files.write(
                WebPageTests.SCREENSHOTS.resolve("swagger-authorized.png"), browser.getScreenshotAs(OutputType.BYTES));
        assertThat(score.findElement(By.cssSelector(".live-responses-table tbody .response-col_status"))
                        .getText())
                .startsWith("200");
    }
}
