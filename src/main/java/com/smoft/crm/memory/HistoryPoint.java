package com.smoft.crm.memory;

import java.time.Instant;

/**
 * A day of a lead's history: that day's latest score.
 *
 * @param scoredAt     when
 * @param score        0 to 100
 * @param probability  the calibrated conversion probability
 * @param segment      Hot, Warm or Cold
 * @param modelVersion the model that scored
 * @param inputs       the customer as scored: sent again to /api/score, it gets this score from this model
 */
public record HistoryPoint(
        Instant scoredAt, int score, double probability, String segment, String modelVersion, Inputs inputs) {

    /**
     * The eight inputs of a score, under their wire names.
     *
     * @param customerId           the customer's identifier, as text
     * @param daysSinceLastContact days since the last contact
     * @param totalContacts        contacts so far
     * @param totalSpent           euros spent so far
     * @param emailsSent           marketing emails sent
     * @param emailsOpened         opens counted by email tracking
     * @param websiteVisits        visits to the website
     * @param customerAgeDays      days since the customer was first recorded
     */
    public record Inputs(
            String customerId,
            int daysSinceLastContact,
            int totalContacts,
            double totalSpent,
            int emailsSent,
            int emailsOpened,
            int websiteVisits,
            int customerAgeDays) {}
}
