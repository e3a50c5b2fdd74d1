package com.smoft.crm;

import static com.smoft.crm.scoring.TestCustomers.CUSTOMER;
import static com.smoft.crm.scoring.TestCustomers.batchOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Throws hundreds of generated malformed requests at the running application: every one must get a
 * 4xx problem+json that says what is wrong, none a 5xx or a stack trace, and the service must keep
 * answering afterwards.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"crm.batch.max-size=20", "crm.batch.max-explained=5", "crm.limits.max-request-size=12MB"})
class MalformedRequestsTests {

    private static final List<String> FIELDS = List.of(
            "customer_id",
            "days_since_last_contact",
            "total_contacts",
            "total_spent",
            "emails_sent",
            "emails_opened",
            "website_visits",
            "customer_age_days");
    private static final List<String> BAD_VALUES = List.of(
            "-1",
            "-0.5",
            "5.7",
            "\"NaN\"",
            "\"Infinity\"",
            "\"-Infinity\"",
            "1e400",
            "99999999999",
            "-99999999999999999999",
            "\"ten\"",
            "null",
            "[]",
            "[1]",
            "{}",
            "true",
            "\"\"");

    private final LocalService service;

    /** A request and what it is. */
    record Case(String name, String path, String contentType, byte[] body) {
        static Case json(String name, String path, String body) {
            return new Case(name, path, "application/json", body.getBytes(StandardCharsets.UTF_8));
        }
    }

    MalformedRequestsTests(@LocalServerPort int port) {
        this.service = new LocalService(port);
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String field : FIELDS) {
            for (String value : BAD_VALUES) {
                if (validFor(field, value)) {
                    continue;
                }
                String single = CUSTOMER.replaceFirst("\"" + field + "\": [0-9.]+", "\"" + field + "\": " + value);
                cases.add(Case.json(field + "=" + value, "/api/score", single));
                String batch = "{\"clients\": [" + CUSTOMER + "," + CUSTOMER + "," + single + "]}";
                cases.add(Case.json("clients[2]." + field + "=" + value, "/api/batch_score", batch));
            }
            String missing = CUSTOMER.replaceFirst("\"" + field + "\": [0-9.]+,? ?", "");
            cases.add(Case.json("missing " + field, "/api/score", missing));
            cases.add(Case.json("missing clients[0]." + field, "/api/batch_score", "{\"clients\": [" + missing + "]}"));
        }
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String hugeString = "\"" + "x".repeat(10 * 1024 * 1024) + "\"";
        Map<String, String> bodies = Map.ofEntries(
                Map.entry("empty body", ""),
                Map.entry("null", "null"),
                Map.entry("array", "[]"),
                Map.entry("number", "42"),
                Map.entry("string", "\"hello\""),
                Map.entry("truncated", "{\"customer_id\": 1,"),
                Map.entry("garbage", "}{"),
                Map.entry("trailing", CUSTOMER + " {}"),
                Map.entry("deep nesting", deep),
                Map.entry("deep object", "{\"a\":".repeat(3000) + "1" + "}".repeat(3000)),
                Map.entry("10 MB string", "{\"customer_id\": " + hugeString + "}"),
                Map.entry("10 MB key", "{" + hugeString + ": 1}"),
                Map.entry("single quotes", CUSTOMER.replace('"', '\'')),
                Map.entry("comments", "/* hi */" + CUSTOMER),
                Map.entry("NaN literal", CUSTOMER.replace("1500.50", "NaN")));
        bodies.forEach((name, body) -> {
            cases.add(Case.json(name, "/api/score", body));
            cases.add(Case.json(
                    "batch " + name,
                    "/api/batch_score",
                    body.isEmpty() || body.startsWith("{\"customer_id\"") ? body : "{\"clients\": " + body + "}"));
        });
        for (String batch : List.of(
                "{\"clients\": []}",
                "{}",
                "{\"clients\": null}",
                "{\"clients\": [null]}",
                "{\"clients\": {}}",
                "{\"clients\": \"all\"}",
                "{\"clients\": [[]]}",
                "{\"clients\": [" + CUSTOMER + "], \"explain\": 1}",
                "{\"clients\": [" + String.join(",", Collections.nCopies(21, CUSTOMER)) + "]}",
                "{\"explain\": true, \"clients\": [" + String.join(",", Collections.nCopies(6, CUSTOMER)) + "]}")) {
            cases.add(Case.json(
                    "batch " + batch.substring(0, Math.min(40, batch.length())), "/api/batch_score", batch));
        }
        byte[] invalidUtf8 = {'{', '"', 'c', 'u', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        byte[] overlong = {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}'};
        for (String path : List.of("/api/score", "/api/batch_score")) {
            cases.add(new Case("invalid UTF-8", path, "application/json", invalidUtf8));
            cases.add(new Case("overlong UTF-8", path, "application/json", overlong));
            for (String type : List.of(
                    "text/plain",
                    "application/xml",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data",
                    "image/png",
                    "application/octet-stream")) {
                cases.add(new Case("content type " + type, path, type, CUSTOMER.getBytes(StandardCharsets.UTF_8)));
            }
            cases.add(new Case("13 MB body", path, "application/json", new byte[13 * 1024 * 1024]));
        }
        cases.add(Case.json("unknown sort", "/api/batch_score?sort=name", batchOf(CUSTOMER)));
        cases.add(Case.json("explain not boolean", "/api/score?explain=maybe", CUSTOMER));
        cases.add(Case.json(
                "duplicate key",
                "/api/score",
                CUSTOMER.replace("{\"customer_id\": 1,", "{\"customer_id\": 1, \"customer_id\": 2,")));
        cases.add(Case.json(
                "batch duplicate key",
                "/api/batch_score",
                "{\"clients\": ["
                        + CUSTOMER.replace("\"total_contacts\": 10,", "\"total_contacts\": 10, \"total_contacts\": 11,")
                        + "]}"));
        cases.add(Case.json(
                "batch duplicate clients", "/api/batch_score", "{\"clients\": [" + CUSTOMER + "], \"clients\": []}"));
        return cases;
    }

    /** A customer id is a 64-bit number or a text, an amount a decimal up to 1e12: some "bad" values are fine for them. */
    private static boolean validFor(String field, String value) {
        return field.equals("customer_id")
                        && List.of("99999999999", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"ten\"")
                                .contains(value)
                || field.equals("total_spent") && List.of("5.7", "99999999999").contains(value);
    }

    /** Requests no HTTP client sends: Tomcat refuses some itself, Spring the rest; all must read like the API's own. */
    static List<String> rawRequests() {
        String json = "Content-Type: application/json\r\nConnection: close\r\n";
        String body = CUSTOMER;
        String post = "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n" + json + "\r\n" + body;
        List<String> requests = new ArrayList<>();
        for (String query : List.of(
                "explain=%zz",
                "sort=%zz",
                "explain=%",
                "%zz=1",
                "sort=score&sort=%E9",
                String.join(
                        "&",
                        IntStream.range(0, 1200).mapToObj(i -> "p" + i + "=1").toList()))) {
            requests.add("POST /api/score?" + query + " HTTP/1.1\r\nHost: localhost\r\n" + post);
            requests.add("POST /api/batch_score?" + query + " HTTP/1.1\r\nHost: localhost\r\n"
                    + post.replace(body, "{\"clients\": [" + body + "]}")
                            .replaceFirst(
                                    "Content-Length: \\d+",
                                    "Content-Length: "
                                            + ("{\"clients\": [" + body + "]}")
                                                    .getBytes(StandardCharsets.UTF_8)
                                                    .length));
        }
        for (String target : List.of(
                "/api/sc ore",
                "/api/%zz",
                "/a\u0001pi",
                "/api/score/%2e%2e/stats",
                "/api//score",
                "/api/%2fscore",
                "/api/score%00",
                "/" + "a".repeat(70_000))) {
            requests.add("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        }
        requests.add("GET /api/score HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        requests.add("DELETE /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        requests.add("GET /nothing-here HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        requests.add("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        requests.add("GARBAGE\r\n\r\n");
        requests.add("GET /health HTTP/9.9\r\nHost: localhost\r\n\r\n");
        return requests;
    }

    @Test
    void shouldAnswerRequestsNoClientSendsWithAProblemThatRevealsNothing() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String request : rawRequests()) {
            RawHttp.Answer answer = RawHttp.send(service.port(), request);
            String type = String.valueOf(answer.header("Content-Type"));
            boolean clientError = answer.status() >= 400 && answer.status() < 500
                    || answer.status() == 505 && request.contains("HTTP/9.9");
            if (!clientError
                    || !type.startsWith("application/problem+json")
                    || !isProblem(answer.body())
                    || revealsInside(answer.body())) {
                failures.add(request.substring(0, Math.min(60, request.length()))
                                .replace("\r\n", " ") + " -> " + answer.status() + " " + type + " "
                        + answer.body().substring(0, Math.min(200, answer.body().length())));
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void shouldRefuseAChunkedBodyOverTheLimitWith413() throws Exception {
        byte[] chunk = ("100000\r\n" + " ".repeat(0x100000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[][] parts = new byte[14][];
        Arrays.fill(parts, chunk);
        parts[13] = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (String path : List.of("/api/score", "/api/batch_score")) {
            RawHttp.Answer answer = RawHttp.send(
                    service.port(),
                    "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
                    0,
                    parts);
            assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(413);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.body()).contains("crm.limits.max-request-size");
            assertThat(OpenApiDocument.servedBy(service).mismatches("POST", path, answer))
                    .isEmpty();
        }
    }

    @Test
    void shouldAnswerTomcatsOwnRefusalsAndTheFiltersAsProblemsInTheCallersLanguage() throws Exception {
        // Refused by Tomcat before Spring sees it (the valve), then by a filter (the actuator's), then by the body
        // limit.
        // The last two name more languages than Tomcat's own parser takes (ten), as a browser with a few regional
        // languages sends.
        for (String language : List.of(
                "en",
                "fr",
                "en-GB,en;q=0.9,de-DE;q=0.8,de;q=0.7,es-ES;q=0.6,es;q=0.5,it-IT;q=0.4,it;q=0.3,pt;q=0.2,nl;q=0.2,pl;q=0.1",
                "fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7,de-DE;q=0.6,de;q=0.5,es-ES;q=0.4,es;q=0.3,it;q=0.2,pt;q=0.1,nl;q=0.1")) {
            RawHttp.Answer tomcat = RawHttp.send(
                    service.port(),
                    "GET /api/%zz HTTP/1.1\r\nHost: localhost\r\nAccept-Language: " + language
                            + "\r\nConnection: close\r\n\r\n");
            HttpResponse<String> actuator =
                    service.send(service.request("/actuator/health/nothing").header("Accept-Language", language));
            HttpResponse<String> tooLarge = service.send(service.request("/api/batch_score")
                    .header("Content-Type", "application/json")
                    .header("Accept-Language", language)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[13 * 1024 * 1024])));
            boolean english = language.startsWith("en");

            assertThat(tomcat.status()).isEqualTo(400);
            assertThat(tomcat.header("Content-Type")).startsWith("application/problem+json");
            assertThat(json(tomcat.body()))
                    .containsEntry("type", "about:blank")
                    .containsEntry("status", 400)
                    .containsEntry("title", english ? "Bad Request" : "Requête incorrecte")
                    .containsEntry(
                            "detail",
                            english
                                    ? "The request is malformed: check its path, query string and headers."
                                    : "La requête est mal formée : vérifiez son chemin, ses paramètres et ses en-têtes.");
            assertThat(actuator.statusCode()).isEqualTo(404);
            assertThat(actuator.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(json(actuator.body()))
                    .containsEntry("type", "about:blank")
                    .containsEntry("status", 404)
                    .containsEntry("title", english ? "Not Found" : "Introuvable")
                    .containsEntry(
                            "detail",
                            english ? "Nothing is served at this path." : "Rien n'est servi à cette adresse.");
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(json(tooLarge.body()))
                    .containsEntry("status", 413)
                    .containsEntry("code", "body_too_large")
                    .containsEntry("params", Map.of("max_bytes", 12 * 1024 * 1024))
                    .containsEntry("title", english ? "Request too large" : "Requête trop grande")
                    .containsEntry(
                            "detail",
                            english
                                    ? "The request body is larger than the limit of 12582912 bytes (crm.limits.max-request-size)."
                                    : "Le corps de la requête dépasse la limite de 12582912 octets (crm.limits.max-request-size).");
        }
    }

    @Test
    void shouldSayWhyABodyIsNotJsonInTheCallersLanguage() throws Exception {
        String body = "{\"customer_id\": 0099, \"days_since_last_contact\": 5, \"total_contacts\": 10,"
                + " \"total_spent\": 1500.5, \"emails_sent\": 8, \"emails_opened\": 6, \"website_visits\": 15,"
                + " \"customer_age_days\": 120}";
        HttpResponse<String> french = service.postJson("/api/score", body);
        HttpResponse<String> english = service.send(service.request("/api/score")
                .header("Content-Type", "application/json")
                .header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(french.statusCode()).isEqualTo(400);
        assertThat(json(french.body()))
                .containsEntry(
                        "detail",
                        "Le corps n'est pas du JSON valide : un nombre ne commence pas par 0 (ligne 1, colonne 18) ;"
                                + " un identifiant comme 0099 s'écrit entre guillemets : \"0099\".");
        assertThat(english.statusCode()).isEqualTo(400);
        assertThat((String) json(english.body()).get("detail"))
                .startsWith("The body is not valid JSON: Invalid numeric value: Leading zeroes not allowed")
                .endsWith("(line 1, column 18); an id such as 0099 is written in quotes: \"0099\".");
        // A body cut short, in French too.
        assertThat(json(service.postJson("/api/score", "{\"customer_id\": 1").body()))
                .containsEntry("detail", "Le corps n'est pas du JSON valide : le corps s'arrête avant la fin du JSON.");
    }

    @Test
    void shouldPointAnIdThatAPathCannotCarryToTheQueryParameter() throws Exception {
        HttpResponse<String> read = service.send(service.request("/api/leads/FR%2F2024%2F7"));
        HttpResponse<String> erase = service.send(service.request("/api/leads/FR%2F2024%2F7")
                .header("Accept-Language", "en")
                .DELETE());
        // An encoded percent passes Tomcat, and the firewall refuses it.
        HttpResponse<String> percent = service.send(service.request("/api/leads/FR%252024"));
        HttpResponse<String> elsewhere = service.send(service.request("/api/contract/FR%2F2024"));

        assertThat(read.statusCode()).isEqualTo(400);
        assertThat((String) json(read.body()).get("detail"))
                .startsWith("Un identifiant qui contient « / », « % » ou « \\ » ne peut pas figurer dans le chemin")
                .contains("GET /api/lead?customer_id=...");
        assertThat(erase.statusCode()).isEqualTo(400);
        assertThat((String) json(erase.body()).get("detail")).contains("ask DELETE /api/lead?customer_id=...");
        assertThat(percent.statusCode()).isEqualTo(400);
        assertThat((String) json(percent.body()).get("detail")).contains("GET /api/lead?customer_id=...");
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat((String) json(elsewhere.body()).get("detail")).doesNotContain("/api/lead");
    }

    private static Map<String, Object> json(String body) {
        return JsonMapper.builder().build().readValue(body, new TypeReference<>() {});
    }

    /** A problem+json body with the RFC's members. */
    static boolean isProblem(String body) {
        return body.contains("\"type\":\"")
                && body.contains("\"title\":\"")
                && body.contains("\"status\":")
                && body.contains("\"detail\":\"");
    }

    /** Whether an answer shows what only the inside should know: exceptions, Java or Jackson names, file paths, traces. */
    static boolean revealsInside(String body) {
        return body.contains("Exception")
                || body.contains("\tat ")
                || body.contains("`")
                || body.contains("Feature")
                || body.contains("java.")
                || body.contains("jackson")
                || body.contains("tools.")
                || body.contains("/tmp/")
                || body.contains("/work/")
                || body.contains("Tomcat")
                || body.contains("<html");
    }

    @Test
    void shouldAnswerEveryMalformedRequestWithA4xxProblemAndKeepServing() throws Exception {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
        List<String> failures = new ArrayList<>();
        for (Case malformed : cases) {
            // A connection per case (RawHttp's, cheaper than a client per case): a refused upload may end its
            // connection, which must not fail the next case.
            String head = "POST " + malformed.path() + " HTTP/1.1\r\nHost: localhost\r\n"
                    + (malformed.contentType() == null ? "" : "Content-Type: " + malformed.contentType() + "\r\n")
                    + "Content-Length: " + malformed.body().length + "\r\nConnection: close\r\n\r\n";
            RawHttp.Answer response;
            try {
                // Head and body in one write, as a client sends a small request (bytes kept as they are).
                response =
                        RawHttp.send(service.port(), head + new String(malformed.body(), StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                failures.add(malformed.name() + " -> " + e);
                continue;
            }
            String body = response.body();
            boolean problem = String.valueOf(response.header("Content-Type")).startsWith("application/problem+json");
            if (response.status() < 400
                    || response.status() >= 500
                    || !problem
                    || !isProblem(body)
                    || revealsInside(body)) {
                failures.add(malformed.name() + " -> " + response.status() + " "
                        + body.substring(0, Math.min(200, body.length())));
            }
        }
        assertThat(failures).isEmpty();

        HttpResponse<String> stillServing = service.send(service.request("/api/score")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CUSTOMER)));
        assertThat(stillServing.statusCode()).isEqualTo(200);
    }
}
