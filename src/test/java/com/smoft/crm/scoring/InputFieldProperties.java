package com.smoft.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Matching a header's names to the fields (the CSV reader, {@code POST /api/contract/columns}) against adversarial
 * names: invisible and bidi characters, compatibility forms, accents, very long names. It never throws, gives each
 * field one column of the header and each column one field, and finds a field's key however it is decorated.
 */
class InputFieldProperties {

    @Provide
    Arbitrary<String> hostileNames() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings()
                        .withChars("\u200b\u200e\u202e\u2060\u00ad\ufeff\ufe0f\u0301\uff21Nn°º éÉ_-;,\"'\t")
                        .ofMaxLength(20),
                Arbitraries.of(InputField.values())
                        .flatMap(field -> Arbitraries.of(field.names()))
                        .map(name -> name.toUpperCase(Locale.ROOT) + " (€)"),
                Arbitraries.strings().ofMinLength(1000).ofMaxLength(5000));
    }

    @Property(tries = 300)
    void shouldGiveEachFieldOneColumnAndEachColumnOneField(@ForAll("headers") List<String> header) {
        Map<InputField, Integer> columns = InputField.columnsOf(header);
        assertThat(columns.values()).allSatisfy(column -> assertThat(column).isBetween(0, header.size() - 1));
        assertThat(new HashSet<>(columns.values())).hasSameSizeAs(columns.values());
    }

    @Provide
    Arbitrary<List<String>> headers() {
        return hostileNames().list().ofMaxSize(30);
    }

    @Property(tries = 200)
    void shouldFindAKeyThroughInvisibleCharactersAndCase(
            @ForAll("fields") InputField field, @ForAll("invisibles") String invisible) {
        String decorated = invisible + field.key().toUpperCase(Locale.ROOT) + invisible;
        assertThat(InputField.columnsOf(List.of("x", decorated))).containsEntry(field, 1);
    }

    @Provide
    Arbitrary<InputField> fields() {
        return Arbitraries.of(InputField.values());
    }

    @Provide
    Arbitrary<String> invisibles() {
        return Arbitraries.strings().withChars("\u200b\u2060\u00ad\ufeff ").ofMaxLength(4);
    }
}
