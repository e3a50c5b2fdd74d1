package com.smoft.crm.memory;

import java.time.Instant;

/**
 * A lead as it stands: his latest score and his trend.
 *
 * @param customerId   the customer's identifier, as text
 * @param scoredAt     when he was last scored
 * @param score        his latest score, 0 to 100
 * @param probability  his latest calibrated conversion probability
 * @param segment      his latest segment: Hot, Warm or Cold
 * @param modelVersion the model that scored him last
 * @param trend        where his score is going
 */
public record LeadState(
        String customerId,
        Instant scoredAt,
        int score,
        double probability,
        String segment,
        String modelVersion,
        Trend trend) {}
