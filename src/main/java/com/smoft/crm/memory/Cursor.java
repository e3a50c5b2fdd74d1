package com.smoft.crm.memory;

import com.smoft.crm.scoring.CustomerId;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of a list ends, as an opaque text the next request hands back ({@code cursor=}): the position of the
 * last item in the list's order, so that a page never repeats nor skips an item while new scores arrive.
 */
public final class Cursor {

    /**
     * Longest cursor read: a longer one is not one of ours. The longest we give holds a score and an id of 64 code
     * points of up to 4 bytes each, 350 characters in base64.
     */
    public static final int MAX_LENGTH = 400;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** The earliest time the memory reads or writes: the first year of the common era. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    /** The latest time the memory reads or writes: the end of year 9999, within every database's range. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private Cursor() {}

    /** After the change {@code id} made at {@code changedAt}, in the order newest first. */
    record ChangePosition(Instant changedAt, long id) {
        String encode() {
            return Cursor.encode("c:" + changedAt.getEpochSecond() + ":" + changedAt.getNano() + ":" + id);
        }

        static ChangePosition decode(String cursor) {
            String[] parts = Cursor.decode(cursor, "c:").split(":", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("not a cursor of this list");
            }
            Instant changedAt;
            try {
                changedAt = Instant.ofEpochSecond(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
            } catch (DateTimeException | ArithmeticException beyondAnyInstant) {
                throw new IllegalArgumentException("not a time of this list", beyondAnyInstant);
            }
            if (changedAt.isBefore(EARLIEST) || changedAt.isAfter(LATEST)) {
                throw new IllegalArgumentException("not a time of this list");
            }
            return new ChangePosition(changedAt, Long.parseLong(parts[2]));
        }
    }

    /** After the lead {@code customerId} at {@code score}, in the order highest score first, then by id. */
    record LeadPosition(int score, String customerId) {
        String encode() {
            return Cursor.encode("l:" + score + ":" + customerId);
        }

        static LeadPosition decode(String cursor) {
            String text = Cursor.decode(cursor, "l:");
            int colon = text.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("not a cursor of this list");
            }
            String customerId = text.substring(colon + 1);
            // Only an id the service could have given; anything else (a NUL byte, which PostgreSQL cannot take) is not.
            if (!CustomerId.isValidText(customerId)) {
                throw new IllegalArgumentException("not an id of this list");
            }
            return new LeadPosition(Integer.parseInt(text.substring(0, colon)), customerId);
        }
    }

    private static String encode(String position) {
        return ENCODER.encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor holds, without its kind; {@link IllegalArgumentException} when it is not one of ours. */
    private static String decode(String cursor, String kind) {
        if (cursor.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("too long");
        }
        String text = new String(DECODER.decode(cursor), StandardCharsets.UTF_8);
        if (!text.startsWith(kind)) {
            throw new IllegalArgumentException("not a cursor of this list");
        }
        return text.substring(kind.length());
    }
}
