package com.smoft.crm.api;

import java.util.List;
import java.util.Map;

/**
 * The answer for a batch.
 *
 * @param results      one answer per customer, in input order or by descending score with {@code ?sort=score}
 * @param count        number of customers scored
 * @param summary      customers per segment: {@code {"Hot": n, "Warm": n, "Cold": n}}
 * @param statistics   the original product's summary block, kept for its clients
 * @param modelVersion the model that scored the whole batch
 */
record BatchResponse(List<ScoreResponse> results, int count, Map<String, Integer> summary, Statistics statistics,
                     String modelVersion) {

    /**
     * The original's batch statistics.
     *
     * @param totalClients customers scored
     * @param hotLeads     Hot customers
     * @param warmLeads    Warm customers
     * @param coldLeads    Cold customers
     * @param averageScore mean score, two decimals
     */
    record Statistics(int totalClients, int hotLeads, int warmLeads, int coldLeads, double averageScore) {
    }
}
