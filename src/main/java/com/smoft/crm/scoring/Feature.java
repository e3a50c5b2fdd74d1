package com.smoft.crm.scoring;

/**
 * The seven signals the model reads, in the order of its input vector.
 * The keys are those the original product published in its statistics.
 */
public enum Feature {
    RECENCY("recency_days"),
    FREQUENCY("contact_frequency"),
    MONETARY("total_purchase_amount"),
    EMAIL_OPEN_RATE("email_open_rate"),
    WEBSITE_VISITS("website_visits"),
    TENURE("customer_age_days"),
    RFM_SCORE("rfm_score");

    private final String key;

    Feature(String key) {
        this.key = key;
    }

    /** The snake_case name used in the model card, the statistics and the API. */
    public String key() {
        return key;
    }

    /** The keys of all seven signals, in model input order. */
    public static String[] keys() {
        Feature[] all = values();
        String[] keys = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            keys[i] = all[i].key;
        }
        return keys;
    }
}
