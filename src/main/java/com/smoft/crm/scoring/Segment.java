package com.smoft.crm.scoring;

/** Where a customer falls on the call list, and how urgently a rep should act. */
public enum Segment {
    /** Call now. */
    HOT("Hot", "HIGH"),
    /** Follow up within 48 hours. */
    WARM("Warm", "MEDIUM"),
    /** Automated email nurture. */
    COLD("Cold", "LOW");

    private final String label;
    private final String priority;

    Segment(String label, String priority) {
        this.label = label;
        this.priority = priority;
    }

    /** The name clients read: {@code Hot}, {@code Warm} or {@code Cold}. */
    public String label() {
        return label;
    }

    /** {@code HIGH}, {@code MEDIUM} or {@code LOW}. */
    public String priority() {
        return priority;
    }
}
