package com.smoft.crm.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebConfigurationTests {

    private static final String CUSTOMER = """
            {"customer_id": 1, "days_since_last_contact": 5, "total_contacts": 10, "total_spent": 1500.50,
             "emails_sent": 8, "emails_opened": 6, "website_visits": 15, "customer_age_days": 120}""";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    /** Over real HTTP: the language ranges are Tomcat's reading of the header, as in production. */
    @ParameterizedTest(name = "\"{0}\" gives {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL | fr", "'' | fr", "en | en", "en-GB | en", "EN-us | en", "en-US,en;q=0.9 | en", "fr-FR, en;q=0.8 | fr",
            "en;q=0.9, fr;q=0.5 | en", "de-DE, en;q=0.7, fr;q=0.5 | en", "de, es | fr", "en;q=0 | fr", "en;q=0, fr;q=0 | fr",
            "*, en;q=0.5 | en", "zz-Latn-x-private | fr", "en-x-made-up-1234 | en", "!!!; garbage | fr", "en;q=2 | fr",
            "fr;q=0.5, en;q=0.5 | fr", "x-klingon, en-US;q=0.3 | en"})
    void shouldSpeakEnglishOnlyWhenEnglishIsPreferredToFrench(String header, String language) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/score"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(CUSTOMER));
        if (header != null) {
            request.header("Accept-Language", header);
        }
        String recommendation = JsonMapper.builder().build().readTree(http.send(request.build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("recommendation").asString();
        assertThat(recommendation).contains(language.equals("fr") ? "Priorité" : "priority");
    }
}
