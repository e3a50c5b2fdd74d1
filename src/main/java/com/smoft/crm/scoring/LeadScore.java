package com.smoft.crm.scoring;

/**
 * The answer for one customer.
 *
 * @param customerId     the caller's identifier
 * @param score          round(100 x calibrated conversion probability), 0 to 100
 * @param segment        Hot, Warm or Cold
 * @param probability    the calibrated conversion probability
 * @param recommendation what the rep should do, in the requested language
 * @param nextAction     the structured next best action
 * @param explanation    why, when asked for; otherwise {@code null}
 * @param whatIf         what the model predicts the rep's moves would do, when asked for; otherwise {@code null}
 * @param modelVersion   the version of the model that produced the score
 */
public record LeadScore(
        CustomerId customerId,
        int score,
        Segment segment,
        double probability,
        String recommendation,
        NextAction nextAction,
        Explanation explanation,
        WhatIf whatIf,
        String modelVersion) {}
