package com.smoft.crm;

import static com.smoft.crm.scoring.TestCustomers.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

import com.smoft.crm.csv.CustomerCsvReader;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The hostile pass after issue 20, over real HTTP: each finding a test that failed before its fix. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileRequestsTests {

    private final LocalService service;

    HostileRequestsTests(@LocalServerPort int port) {
        this.service = new LocalService(port);
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return service.send(service.request(path)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void shouldRefuseChunkExtensionsAndTrailersAtOnceButReadPlainChunkedBodies() throws Exception {
        String head = "POST /api/score HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        String body = CUSTOMER.replace("\n", " ");
        String chunk = Integer.toHexString(body.length()) + "\r\n" + body + "\r\n";
        assertThat(RawHttp.send(service.port(), head + chunk + "0\r\n\r\n").status())
                .isEqualTo(200);
        // A trickled extension or trailer was read inside one read, out of reach of the rate and time limits.
        assertThat(RawHttp.send(
                                service.port(),
                                head + Integer.toHexString(body.length()) + ";x\r\n" + body + "\r\n0\r\n\r\n")
                        .status())
                .isEqualTo(400);
        assertThat(RawHttp.send(service.port(), head + chunk + "0\r\nX-Trailer: 1\r\n\r\n")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void shouldKeepAnIdWrittenAsAWholeFloatExactOrRefuseIt() throws Exception {
        HttpResponse<String> exact = post(
                "/api/score",
                "application/json",
                CUSTOMER.replace("\"customer_id\": 1", "\"customer_id\": 9007199254740993.0"));
        assertThat(exact.body()).startsWith("{\"customer_id\":9007199254740993,");
        assertThat(post(
                                "/api/score",
                                "application/json",
                                CUSTOMER.replace("\"customer_id\": 1", "\"customer_id\": 1e-400"))
                        .statusCode())
                .isEqualTo(422);
    }

    @Test
    void shouldRefuseIdsThatShowAsNothing() throws Exception {
        for (String id : List.of(
                "\u3164",
                "CUST-1\u3164",
                "\u115F",
                "\uFFA0",
                "\u2800",
                "A\uFE0F",
                "A\u034F",
                "A\u17B4",
                "A\uDB40\uDD00")) {
            HttpResponse<String> answer = post(
                    "/api/score",
                    "application/json",
                    CUSTOMER.replace("\"customer_id\": 1", "\"customer_id\": \"" + id + "\""));
            assertThat(answer.statusCode()).as(id).isEqualTo(422);
        }
    }

    @Test
    void shouldRenameFileColumnsThatReadAsTheModelsWhateverTheirSpacesOrWidth() throws Exception {
        String file = String.join(";", CustomerCsvReader.INPUT_COLUMNS)
                + ";score\u200b;Score\u00a0;\uff53\uff43\uff4f\uff52\uff45\n1;5;10;1500;8;6;15;120;100;100;100\n";
        HttpResponse<String> answer = service.client()
                .send(
                        service.request("/api/batch_score?columns=all")
                                .header("Content-Type", "text/csv")
                                .header("Accept", "text/csv")
                                .POST(HttpRequest.BodyPublishers.ofString(file))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        List<String> header = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(';')
                .get()
                .parse(new StringReader(answer.body().substring(1)))
                .getRecords()
                .getFirst()
                .toList();
        assertThat(header.subList(8, 11)).allSatisfy(name -> assertThat(name).endsWith(" (fichier)"));
        assertThat(header).containsOnlyOnce("score");
    }

    @Test
    void shouldEchoAtMostAShortExcerptOfAPathOrAContentType() throws Exception {
        HttpResponse<String> longPath = service.send(service.request("/" + "a".repeat(7000)));
        assertThat(longPath.statusCode()).isEqualTo(404);
        assertThat(longPath.body()).hasSizeLessThan(600).doesNotContainIgnoringCase("resource");
        HttpResponse<String> longType = post("/api/score", "text/plain; x=" + "a".repeat(7000), CUSTOMER);
        assertThat(longType.statusCode()).isEqualTo(415);
        assertThat(longType.body()).hasSizeLessThan(800);
        HttpResponse<String> links = service.send(service.request("/actuator"));
        assertThat(links.statusCode()).isEqualTo(404);
    }
}
