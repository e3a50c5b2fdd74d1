package com.smoft.crm.scoring;

import java.time.Instant;

/**
 * An outcome as a client posts it, read and checked.
 *
 * @param position   its line in a file (the header being line 1) or its index in a list (from 0)
 * @param customerId the customer's identifier, as text (as the memory keeps it)
 * @param outcome    what happened
 * @param at         when
 */
public record PostedOutcome(long position, String customerId, Outcome outcome, Instant at) {}
