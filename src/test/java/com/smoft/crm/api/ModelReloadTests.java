package com.smoft.crm.api;

import static com.smoft.crm.scoring.TestCustomers.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.smoft.crm.LocalService;
import com.smoft.crm.OpenApiDocument;
import com.smoft.crm.scoring.HostileModelFiles;
import com.smoft.crm.scoring.ModelFiles;
import com.smoft.crm.scoring.ShippedModel;
import com.smoft.crm.system.ServerDatabase;
import com.smoft.crm.training.TrainCommand;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Model changes without downtime: reloads under load, and a bad file that changes nothing. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "crm.security.admin-api-keys=" + ModelReloadTests.ADMIN_KEY)
class ModelReloadTests {

    static final String ADMIN_KEY = "reload-admin-key-2026";

    private static final Pattern VERSION = Pattern.compile("\"model_version\":\"([0-9a-f]{64})\"");
    private static final Path FOLDER = createFolder();
    private static final Path SERVING = FOLDER.resolve("serving").resolve("crm-scoring-model.bin");
    private static final Path FIRST = FOLDER.resolve("first").resolve("crm-scoring-model.bin");
    private static final Path SECOND = FOLDER.resolve("second").resolve("crm-scoring-model.bin");

    private final LocalService service;

    ModelReloadTests(@LocalServerPort int port) {
        this.service = new LocalService(port);
    }

    private static Path createFolder() {
        try {
            Path folder = Files.createTempDirectory("smoft-reload");
            Files.createDirectories(folder.resolve("first"));
            copyModel(ShippedModel.PATH, folder.resolve("first").resolve("crm-scoring-model.bin"));
            int exit = TrainCommand.run(
                    new String[] {
                        "--rows",
                        "1000",
                        "--trees",
                        "10",
                        "--seed",
                        "7",
                        "--output",
                        folder.resolve("second")
                                .resolve("crm-scoring-model.bin")
                                .toString()
                    },
                    ServerDatabase::open);
            assertThat(exit).isZero();
            Files.createDirectories(folder.resolve("serving"));
            copyModel(
                    folder.resolve("first").resolve("crm-scoring-model.bin"),
                    folder.resolve("serving").resolve("crm-scoring-model.bin"));
            return folder;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void servingModel(DynamicPropertyRegistry properties) {
        properties.add("crm.model.path", SERVING::toString);
    }

    @AfterAll
    static void restoreFirst() throws IOException {
        copyModel(FIRST, SERVING);
    }

    private static void copyModel(Path from, Path to) throws IOException {
        for (Path file : List.of(from, ModelFiles.cardPath(from))) {
            Path target = file.equals(from) ? to : ModelFiles.cardPath(to);
            Path temp = target.resolveSibling(target.getFileName() + ".copy");
            Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return service.send(service.request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> reload() throws Exception {
        return service.send(service.request("/api/admin/model/reload")
                .header("X-API-Key", ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static String versionIn(String body) {
        Matcher matcher = VERSION.matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }

    @Test
    void shouldListTheSingleServedFileAndRefusePromotionWithoutAStore() throws Exception {
        HttpResponse<String> models = service.send(service.request("/api/models"));
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(models.body()).contains("\"source\":\"file\"", "\"status\":\"serving\"");
        HttpResponse<String> promote = service.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + service.port() + "/api/admin/models/0123456789abcdef/promote"))
                .header("X-API-Key", ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(promote.statusCode()).isEqualTo(409);
        assertThat(promote.body()).contains("single model file").doesNotContain(FOLDER.toString());
    }

    @Test
    void shouldSwapModelsTwentyTimesUnderLoadWithoutAnError() throws Exception {
        String firstVersion = ModelFiles.readCard(FIRST).version();
        String secondVersion = ModelFiles.readCard(SECOND).version();
        assertThat(firstVersion).isNotEqualTo(secondVersion);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        Set<String> seenVersions = ConcurrentHashMap.newKeySet();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Integer>> scored = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            scored.add(clients.submit(() -> {
                int count = 0;
                while (running.get()) {
                    HttpResponse<String> response = post("/api/score", CUSTOMER);
                    String version = versionIn(response.body());
                    if (response.statusCode() != 200 || version == null) {
                        errors.add(response.statusCode() + " " + response.body());
                    } else {
                        seenVersions.add(version);
                    }
                    answered.incrementAndGet();
                    count++;
                }
                return count;
            }));
        }
        for (int reload = 0; reload < 20; reload++) {
            Path next = reload % 2 == 0 ? SECOND : FIRST;
            copyModel(next, SERVING);
            HttpResponse<String> response = reload();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains(reload % 2 == 0 ? secondVersion : firstVersion);
            // Scores asked between this swap and the next, one per client or so, before swapping again.
            int before = answered.get();
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> answered.get() >= before + 4);
        }
        running.set(false);
        int total = 0;
        for (Future<Integer> count : scored) {
            total += count.get();
        }
        clients.shutdown();
        assertThat(errors).isEmpty();
        assertThat(total).isPositive();
        assertThat(seenVersions).isSubsetOf(firstVersion, secondVersion).contains(firstVersion, secondVersion);
    }

    @Test
    void shouldRefuseATamperedFileWithoutShowingWhereItLivesAndKeepServingTheOldModel() throws Exception {
        String serving = versionIn(post("/api/score", CUSTOMER).body());
        byte[] bytes = Files.readAllBytes(FIRST);
        bytes[bytes.length - 100] ^= 1;
        Files.write(SERVING, bytes);
        try {
            HttpResponse<String> refused = reload();
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(OpenApiDocument.servedBy(service).mismatches("POST", "/api/admin/model/reload", refused))
                    .isEmpty();
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
            assertThat(refused.body())
                    .contains("does not match its card")
                    .contains(serving + " reste en service")
                    .doesNotContain(FOLDER.toString())
                    .doesNotContain("Exception")
                    .doesNotContain("crm-scoring-model.bin");
            HttpResponse<String> after = post("/api/score", CUSTOMER);
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(versionIn(after.body())).isEqualTo(serving);
        } finally {
            copyModel(FIRST, SERVING);
        }
    }

    @Test
    void shouldRefuseHostileFilesWithin422AndKeepServing() throws Exception {
        String serving = versionIn(post("/api/score", CUSTOMER).body());
        Map<String, byte[]> hostile = new LinkedHashMap<>();
        hostile.put("nested sets", HostileModelFiles.serialise(HostileModelFiles.nestedSets(40)));
        hostile.put("nested maps", HostileModelFiles.serialise(HostileModelFiles.nestedMaps(40)));
        hostile.put("long[] of 2^31-9", HostileModelFiles.announcedLongArray(Integer.MAX_VALUE - 8));
        hostile.put("nested lists as map keys", HostileModelFiles.serialise(HostileModelFiles.listKeyedMap(6_000, 20)));
        try {
            for (var file : hostile.entrySet()) {
                HostileModelFiles.write(SERVING, file.getValue());
                long start = System.nanoTime();
                HttpResponse<String> refused = reload();
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(refused.statusCode()).as(file.getKey()).isEqualTo(422);
                assertThat(refused.body()).contains("refused unread").contains(serving + " reste en service");
                System.out.printf("Hostile model file '%s' refused in %d ms%n", file.getKey(), millis);
                assertThat(millis).as(file.getKey()).isLessThan(1_000);
                assertThat(versionIn(post("/api/score", CUSTOMER).body())).isEqualTo(serving);
            }
        } finally {
            copyModel(FIRST, SERVING);
        }
    }
}
