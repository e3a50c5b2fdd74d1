package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import smile.data.type.DataTypes;
import smile.data.type.StructField;
import smile.data.type.StructType;

class ModelDeserialiserTests {

    private static final Duration ENOUGH = Duration.ofSeconds(20);

    private static byte[] shippedBytes;

    @BeforeAll
    static void serialiseTheShippedModel() throws Exception {
        shippedBytes = ModelFiles.serialise(ModelFiles.load(ShippedModel.PATH).trained());
    }

    @Test
    void shouldReadARealModelWithinEveryLimit() throws Exception {
        assertThat(ModelDeserialiser.read(shippedBytes, 0, ENOUGH)).isInstanceOf(TrainedModel.class);
    }

    @Test
    void shouldStopReadingOnceTheTimeLimitHasPassed() {
        assertThatExceptionOfType(ModelDeserialiser.RefusedException.class)
                .isThrownBy(() -> ModelDeserialiser.read(shippedBytes, 0, Duration.ZERO))
                .satisfies(refused -> assertThat(refused.late()).isTrue());
    }

    @Test
    void shouldRefuseNestedListsBeforeAMapHashesThem() throws Exception {
        byte[] bomb = HostileModelFiles.serialise(HostileModelFiles.listKeyedMap(200, 21));
        assertRefused(bomb, "a list holding java.util.ArrayList");
    }

    @Test
    void shouldRefuseMoreListAndMapEntriesThanAnyModelHolds() throws Exception {
        assertRefused(HostileModelFiles.oneListKeyingEveryEntry(50_000), "lists and maps of more than 1024 entries");
    }

    @Test
    void shouldRefuseAMapOfAnythingButNamesOrNumbersToNumbers() throws Exception {
        assertRefused(
                HostileModelFiles.serialise(new HashMap<>(Map.of("recency_days", "7"))),
                "a map from java.lang.String to java.lang.String");
    }

    @Test
    void shouldRefuseASchemaFieldThatIsItselfASchema() throws Exception {
        StructType inner = new StructType(new ArrayList<>(List.of(new StructField("recency_days", DataTypes.IntType))));
        assertRefused(
                HostileModelFiles.serialise(new StructField("nested", inner)),
                "a schema field of type smile.data.type.StructType");
    }

    private static void assertRefused(byte[] stream, String what) {
        assertThatExceptionOfType(ModelDeserialiser.RefusedException.class)
                .isThrownBy(() -> ModelDeserialiser.read(stream, 0, ENOUGH))
                .withMessageContaining(what)
                .satisfies(refused -> assertThat(refused.late()).isFalse());
    }
}
