package com.smoft.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The web page of a service run with API keys: it says a key is needed, and works once one is typed. */
@ExtendWith(HeadlessChromium.class)
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
        WebDriverWait waiting = new WebDriverWait(browser, Duration.ofSeconds(10));
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
}
