package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store's pointer ({@code store.json}) read from arbitrary, damaged and hostile bytes: the store reads names of
 * its own versions only, or refuses the pointer with a {@link ModelLoadException}, never anything else, and at once.
 */
class ModelStoreProperties {

    private static final Duration AT_ONCE = Duration.ofSeconds(1);

    private static Path folder;
    private static ModelStore store;
    private static Path pointer;
    private static byte[] realPointer;
    private static List<String> stored;

    /** A store of two small versions (3 trees each), the second serving, the first before it, a decision recorded. */
    @BeforeContainer
    static void createAStore() throws IOException {
        LoadedModel shipped = ModelFiles.load(ShippedModel.PATH);
        folder = Files.createTempDirectory("model-store-properties");
        store = new ModelStore(folder.resolve("model"));
        for (int trees = 3; trees <= 4; trees++) {
            TrainedModel small = new TrainedModel(
                    shipped.trained().forest().trim(trees),
                    shipped.trained().cutPoints(),
                    shipped.trained().calibrator());
            String version = store.add(small, shipped.card()).version();
            store.recordDecision(
                    version,
                    new ModelStore.Decision(
                            "2026-01-01T00:00:00Z",
                            "always",
                            true,
                            "forced",
                            1,
                            new ModelStore.Figures(version, 0.8, 0.02, 0.8, 0.1),
                            null));
            store.promote(version);
        }
        stored = store.versions().stream().map(ModelStore.Version::version).toList();
        pointer = store.folder().resolve("store.json");
        realPointer = Files.readAllBytes(pointer);
    }

    @AfterContainer
    static void removeTheStore() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Property(tries = 150)
    void arbitraryBytesAreReadAsVersionsOrRefused(@ForAll @Size(max = 2048) byte[] bytes) throws IOException {
        assertReadsItsOwnVersionsOnlyOrRefusesAtOnce(bytes);
    }

    @Property(tries = 150)
    void theRealPointerWithBytesChangedIsReadAsVersionsOrRefused(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 1 << 30) Integer> positions,
            @ForAll @IntRange(min = 1, max = 255) int mask)
            throws IOException {
        byte[] changed = realPointer.clone();
        for (int position : positions) {
            changed[position % changed.length] ^= (byte) mask;
        }
        assertReadsItsOwnVersionsOnlyOrRefusesAtOnce(changed);
    }

    @Property(tries = 50)
    void theRealPointerTruncatedIsReadAsVersionsOrRefused(@ForAll @IntRange(min = 0, max = 1 << 30) int length)
            throws IOException {
        assertReadsItsOwnVersionsOnlyOrRefusesAtOnce(Arrays.copyOf(realPointer, length % realPointer.length));
    }

    @Property(tries = 150)
    void aPointerNamingAnythingLeadsOnlyToVersionsOfTheStore(
            @ForAll("names") String serving,
            @ForAll @Size(max = 4) List<@From("names") String> servedBefore,
            @ForAll @Size(max = 4) List<@From("names") String> decided)
            throws IOException {
        Map<String, Object> decisions = new LinkedHashMap<>();
        decided.forEach(
                name -> decisions.put(name, Map.of("rule", "always", "promoted", true, "holdout_customers", 1)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("serving", serving);
        json.put("served_before", servedBefore);
        json.put("ever_served", servedBefore);
        json.put("decisions", decisions);
        assertReadsItsOwnVersionsOnlyOrRefusesAtOnce(
                JsonMapper.builder().build().writeValueAsBytes(json));
    }

    /** Names a hostile or careless pointer holds: the store's versions and their prefixes, paths, near-versions, anything. */
    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.of(stored),
                Arbitraries.of(stored).map(version -> version.substring(0, 8)),
                Arbitraries.of("../../outside/evil", "/etc/passwd", "..", "", " ", "versions/../store"),
                Arbitraries.strings().withChars("0123456789abcdef./\\").ofLength(64),
                Arbitraries.strings().ofMaxLength(80));
    }

    private static void assertReadsItsOwnVersionsOnlyOrRefusesAtOnce(byte[] pointerBytes) throws IOException {
        Files.write(pointer, pointerBytes);
        long start = System.nanoTime();
        try {
            store.serving().ifPresent(serving -> assertThat(serving).matches("[0-9a-f]{64}"));
            store.previous().ifPresent(previous -> assertThat(stored).contains(previous));
            assertThat(store.versions())
                    .extracting(ModelStore.Version::version)
                    .containsExactlyInAnyOrderElementsOf(stored);
        } catch (ModelLoadException refused) {
            assertThat(refused.reason()).isEqualTo("the model store's pointer cannot be read");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(AT_ONCE);
    }
}
