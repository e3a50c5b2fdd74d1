package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The model file reader on arbitrary and damaged bytes: it loads the model the bytes hold or refuses them with a
 * {@link ModelLoadException}, never anything else, and at once.
 */
class ModelFilesProperties {

    /** Far above a refusal (milliseconds) or a load of the small model (tens of them), far below the time limit. */
    private static final Duration AT_ONCE = Duration.ofSeconds(1);

    /** The Java serialisation stream's first bytes, so that a random payload gets past them. */
    private static final byte[] STREAM_MAGIC = {(byte) 0xAC, (byte) 0xED, 0, 5};

    private static ModelCard card;
    private static byte[] smallModel;
    private static byte[] smallModelFile;

    /** A real model kept small for speed: the shipped forest's first 3 trees, with its cut points and calibration. */
    @BeforeContainer
    static void serialiseASmallRealModel() throws Exception {
        LoadedModel shipped = ModelFiles.load(ShippedModel.PATH);
        TrainedModel small = new TrainedModel(
                shipped.trained().forest().trim(3),
                shipped.trained().cutPoints(),
                shipped.trained().calibrator());
        card = shipped.card();
        smallModel = ModelFiles.serialise(small);
        smallModelFile = ModelFiles.fileBytes(smallModel, card);
        assertThat(ModelFiles.load(smallModelFile, "small.bin").compiled().trees())
                .isEqualTo(3);
    }

    @Property(tries = 300)
    void arbitraryBytesAreRefused(@ForAll @Size(max = 4096) byte[] bytes) {
        assertRefusedAtOnce(bytes);
    }

    @Property(tries = 100)
    void theRealHeaderAndCardAroundArbitraryBytesAreRefused(
            @ForAll @Size(max = 4096) byte[] payload, @ForAll boolean streamMagic) {
        byte[] stream = streamMagic ? concat(STREAM_MAGIC, payload) : payload;
        assertRefusedAtOnce(ModelFiles.fileBytes(stream, card));
    }

    @Property(tries = 60)
    void aRealModelFileWithBytesChangedLoadsAsItselfOrIsRefused(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 1 << 30) Integer> positions,
            @ForAll @IntRange(min = 1, max = 255) int mask) {
        assertLoadsAsItselfOrIsRefusedAtOnce(
                changed(smallModelFile, positions, mask), ModelFiles.versionOf(smallModel));
    }

    @Property(tries = 50)
    void aTruncatedRealModelFileIsRefused(@ForAll @IntRange(min = 0, max = 1 << 30) int length) {
        assertRefusedAtOnce(Arrays.copyOf(smallModelFile, length % smallModelFile.length));
    }

    /** The deserialiser's own ground: the card matches the changed bytes, so nothing else refuses them first. */
    @Property(tries = 150)
    void aRealModelChangedUnderAMatchingCardLoadsOrIsRefused(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 1 << 30) Integer> positions,
            @ForAll @IntRange(min = 1, max = 255) int mask) {
        byte[] stream = changed(smallModel, positions, mask);
        assertLoadsAsItselfOrIsRefusedAtOnce(ModelFiles.fileBytes(stream, card), ModelFiles.versionOf(stream));
    }

    @Property(tries = 30)
    void aTruncatedRealModelUnderAMatchingCardIsRefused(@ForAll @IntRange(min = 0, max = 1 << 30) int length) {
        assertRefusedAtOnce(ModelFiles.fileBytes(Arrays.copyOf(smallModel, length % smallModel.length), card));
    }

    private static void assertRefusedAtOnce(byte[] file) {
        long start = System.nanoTime();
        assertThatExceptionOfType(ModelLoadException.class).isThrownBy(() -> ModelFiles.load(file, "fuzzed.bin"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(AT_ONCE);
    }

    private static void assertLoadsAsItselfOrIsRefusedAtOnce(byte[] file, String version) {
        long start = System.nanoTime();
        try {
            assertThat(ModelFiles.load(file, "fuzzed.bin").version()).isEqualTo(version);
        } catch (ModelLoadException refused) {
            assertThat(refused.reason()).isNotBlank();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(AT_ONCE);
    }

    /** {@code bytes} with each byte at {@code positions} (modulo their length) XOR-ed with {@code mask}. */
    private static byte[] changed(byte[] bytes, List<Integer> positions, int mask) {
        byte[] changed = bytes.clone();
        for (int position : positions) {
            changed[position % changed.length] ^= (byte) mask;
        }
        return changed;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
