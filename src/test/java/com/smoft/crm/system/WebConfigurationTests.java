package com.smoft.crm.system;

import static com.smoft.crm.scoring.TestCustomers.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.LocalService;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebConfigurationTests {

    private final LocalService service;

    WebConfigurationTests(@LocalServerPort int port) {
        this.service = new LocalService(port);
    }

    /** Over real HTTP: the language ranges are Tomcat's reading of the header, as in production. */
    @ParameterizedTest(name = "\"{0}\" gives {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "NULL | fr",
                "'' | fr",
                "en | en",
                "en-GB | en",
                "EN-us | en",
                "en-US,en;q=0.9 | en",
                "fr-FR, en;q=0.8 | fr",
                "en;q=0.9, fr;q=0.5 | en",
                "de-DE, en;q=0.7, fr;q=0.5 | en",
                "de, es | fr",
                "en;q=0 | fr",
                "en;q=0, fr;q=0 | fr",
                "*, en;q=0.5 | en",
                "zz-Latn-x-private | fr",
                "en-x-made-up-1234 | en",
                "!!!; garbage | fr",
                "en;q=2 | fr",
                "fr;q=0.5, en;q=0.5 | fr",
                "x-klingon, en-US;q=0.3 | en",
                "fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7,de-DE;q=0.6,de;q=0.5,es-ES;q=0.4,es;q=0.3,it;q=0.2,pt;q=0.1,nl;q=0.1 | fr",
                "de,es,it,pt,nl,pl,ru,ja,zh,ko,sv,en;q=0.1 | en"
            })
    void shouldSpeakEnglishOnlyWhenEnglishIsPreferredToFrench(String header, String language) throws Exception {
        HttpRequest.Builder request = service.request("/api/score")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CUSTOMER));
        if (header != null) {
            request.header("Accept-Language", header);
        }
        String recommendation = JsonMapper.builder()
                .build()
                .readTree(service.send(request).body())
                .get("recommendation")
                .asString();
        assertThat(recommendation).contains(language.equals("fr") ? "Priorité" : "priority");
    }

    /** Refusals Spring MVC decides itself (a method, a representation) speak the caller's language too. */
    @ParameterizedTest(name = "{0} {1} with Accept {2}, in {3}: {4}")
    @CsvSource(
            delimiter = '|',
            value = {
                "DELETE | /api/contract | application/json | fr | 405 | Méthode non autorisée | La méthode DELETE n'est pas acceptée",
                "DELETE | /api/contract | application/json | en | 405 | Method Not Allowed | Method 'DELETE' is not supported.",
                "GET | /api/contract | text/html | fr | 406 | Représentation non disponible | Cette adresse répond en",
                "GET | /api/contract | text/html | en | 406 | Not Acceptable | Acceptable representations:"
            })
    void shouldSaySpringsOwnRefusalsInTheCallersLanguage(
            String method, String path, String accept, String language, int status, String title, String detail)
            throws Exception {
        HttpResponse<String> answer = service.send(service.request(path)
                .header("Accept", accept)
                .header("Accept-Language", language)
                .method(method, HttpRequest.BodyPublishers.noBody()));
        assertThat(answer.statusCode()).isEqualTo(status);
        JsonNode problem = JsonMapper.shared().readTree(answer.body());
        assertThat(problem.get("title").asString()).isEqualTo(title);
        assertThat(problem.get("detail").asString()).startsWith(detail);
    }

    @Test
    void shouldReadRepeatedAcceptLanguageLinesAsOneList() throws Exception {
        HttpResponse<String> answer = service.send(
                service.request("/nothing-here").header("Accept-Language", "de").header("Accept-Language", "en"));
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(JsonMapper.shared().readTree(answer.body()).get("title").asString())
                .isEqualTo("Not Found");
    }
}
