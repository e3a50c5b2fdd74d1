package com.smoft.crm.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smoft.crm.scoring.CustomerId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The cursors of the memory's lists against arbitrary and crafted text: a cursor the service gave reads back as the
 * same position, whatever the customer id; anything else is read as a position within the years a database holds, or
 * refused with {@link IllegalArgumentException} (a 400 naming {@code cursor}), never another exception; a lead's
 * cursor holds only an id the service accepts (a NUL byte read through gave PostgreSQL's driver a 500 to answer).
 */
class CursorProperties {

    @Property
    void shouldReadBackEveryLeadCursorItGave(
            @ForAll @IntRange(max = 100) int score, @ForAll("customerIds") String customerId) {
        Cursor.LeadPosition position = new Cursor.LeadPosition(score, customerId);
        assertThat(Cursor.LeadPosition.decode(position.encode())).isEqualTo(position);
    }

    @Property
    void shouldReadBackEveryChangeCursorItGave(
            @ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_798L) long second,
            @ForAll @IntRange(max = 999_999_999) int nano,
            @ForAll @LongRange(min = 1) long id) {
        Cursor.ChangePosition position = new Cursor.ChangePosition(Instant.ofEpochSecond(second, nano), id);
        assertThat(Cursor.ChangePosition.decode(position.encode())).isEqualTo(position);
    }

    @Example
    void shouldReadBackTheCursorOfTheLongestIdItAccepts() {
        Cursor.LeadPosition position = new Cursor.LeadPosition(100, "😀".repeat(CustomerId.MAX_TEXT_LENGTH));
        assertThat(CustomerId.isValidText(position.customerId())).isTrue();
        assertThat(Cursor.LeadPosition.decode(position.encode())).isEqualTo(position);
    }

    @Property
    void shouldReadAnyTextAsAPositionInRangeOrRefuseIt(@ForAll String text) {
        readOrRefuse(text);
    }

    @Property
    void shouldReadAnyBytesAsAPositionInRangeOrRefuseThem(@ForAll byte[] bytes) {
        readOrRefuse(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    @Property
    void shouldRefuseCraftedChangeCursorsBeyondTheDatabasesYears(
            @ForAll("outOfRange") long second, @ForAll @IntRange(max = 999_999_999) int nano, @ForAll long id) {
        String crafted = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("c:" + second + ":" + nano + ":" + id).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Cursor.ChangePosition.decode(crafted)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void shouldReadACraftedLeadCursorOnlyWhenItHoldsAnIdTheServiceAccepts(
            @ForAll @IntRange(max = 100) int score, @ForAll String id) {
        readOrRefuse(Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("l:" + score + ":" + id).getBytes(StandardCharsets.UTF_8)));
    }

    @Example
    void shouldRefuseALeadCursorHoldingANulByte() {
        assertThatThrownBy(() -> Cursor.LeadPosition.decode("bDo1MDoAeA")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void readOrRefuse(String cursor) {
        try {
            Cursor.ChangePosition change = Cursor.ChangePosition.decode(cursor);
            assertThat(change.changedAt()).isBetween(Cursor.EARLIEST, Cursor.LATEST);
        } catch (IllegalArgumentException refused) {
            // Refused as the API refuses it.
        }
        try {
            Cursor.LeadPosition lead = Cursor.LeadPosition.decode(cursor);
            assertThat(CustomerId.isValidText(lead.customerId())).isTrue();
        } catch (IllegalArgumentException refused) {
            // Refused as the API refuses it.
        }
    }

    /** Seconds before year 1 or after year 9999, up to the ends of a long. */
    @Provide
    Arbitrary<Long> outOfRange() {
        return Arbitraries.oneOf(
                Arbitraries.longs().lessOrEqual(Cursor.EARLIEST.getEpochSecond() - 1),
                Arbitraries.longs().greaterOrEqual(Cursor.LATEST.getEpochSecond() + 1));
    }

    /** Ids the service accepts, up to the longest: 64 code points of up to 4 bytes each. */
    @Provide
    Arbitrary<String> customerIds() {
        return Arbitraries.strings()
                .withCharRange('!', '~')
                .withChars("éàçÉ€😀𝔘中文")
                .ofMinLength(1)
                .ofMaxLength(CustomerId.MAX_TEXT_LENGTH)
                .filter(CustomerId::isValidText);
    }
}
