package com.smoft.crm.events;

/** The kinds of event the service tells, by their wire names, each with the version of its payload's schema. */
public enum EventType {
    /** A lead moved from one segment to another (or was first scored). */
    SEGMENT_CHANGED("lead.segment_changed"),
    /** What happened to a lead was recorded. */
    OUTCOME_RECORDED("lead.outcome_recorded"),
    /** Another model version serves. */
    MODEL_PROMOTED("model.promoted"),
    /** A model version's live figures (against recorded outcomes) changed status. */
    MODEL_LIVE_STATUS_CHANGED("model.live_status_changed"),
    /** The drift of the scores served changed status. */
    DRIFT_STATUS_CHANGED("drift.status_changed"),
    /** A test of a subscription (POST /api/admin/events/test): never kept in the outbox. */
    PING("ping");

    /** The version of every payload's schema: raised when a field changes meaning or goes away. */
    public static final int SCHEMA_VERSION = 1;

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    /** The type as receivers see it, e.g. {@code lead.segment_changed}. */
    public String wire() {
        return wire;
    }
}
