package com.smoft.crm.memory;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.Segment;
import java.time.Instant;

/**
 * One score as the memory keeps it: who, when, what was answered, by which model, from which inputs.
 *
 * @param customerId   the customer's identifier as text (the number {@code 1042} and the text {@code "1042"} are one
 *                     customer)
 * @param at           when it was scored
 * @param score        0 to 100
 * @param probability  the calibrated conversion probability
 * @param segment      the segment answered
 * @param modelVersion the model that scored
 * @param inputs       the customer as scored
 */
record RememberedScore(
        String customerId,
        Instant at,
        int score,
        double probability,
        Segment segment,
        String modelVersion,
        Customer inputs) {}
