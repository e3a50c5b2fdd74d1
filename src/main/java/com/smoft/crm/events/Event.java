package com.smoft.crm.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An event as receivers get it: the body of a webhook, the value of a Kafka record. The id is the same at every
 * attempt and for every receiver, for them to drop duplicates (delivery is at least once).
 *
 * @param id            {@code evt_} and 32 hexadecimal digits
 * @param type          e.g. {@code lead.segment_changed}
 * @param time          when what it tells happened
 * @param schemaVersion the version of the payload's schema
 * @param data          the payload: one of {@link EventPayloads}
 */
public record Event(String id, String type, Instant time, int schemaVersion, Object data) {

    /** A new event of a type, with a new random id. */
    public static Event of(EventType type, Instant time, Object data) {
        return new Event(newId(), type.wire(), time, EventType.SCHEMA_VERSION, data);
    }

    /** A new random event id. */
    static String newId() {
        return "evt_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The event id that {@code name} always gives: one event for every instance that sees the same change. */
    static String idOf(String name) {
        return "evt_"
                + UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString()
                        .replace("-", "");
    }
}
