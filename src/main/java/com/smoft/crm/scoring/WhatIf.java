package com.smoft.crm.scoring;

import java.util.Map;

/**
 * What the model predicts a rep's moves would do to a customer ({@link WhatIfSearch}): for a customer below Hot, the
 * fewest {@link RepAction}s that move him to the next segment up; for a Hot one, how many days without contact before
 * he falls below Hot. It is what the model predicts of a customer whose inputs were these, not a promise that the
 * actions cause it: anyone can check it by scoring {@link NextStep#customer()}.
 *
 * @param nextStep for a customer below Hot, the next step; otherwise {@code null}
 * @param atRisk   for a Hot customer, how long he stays Hot without contact; otherwise {@code null}
 */
public record WhatIf(NextStep nextStep, AtRisk atRisk) {

    /**
     * The fewest actions that move a customer to the next segment up, or, when none does, those that get him the best
     * score.
     *
     * @param target      the next segment up: Warm for a Cold customer, Hot for a Warm one
     * @param reached     whether the actions reach it (or beyond)
     * @param actions     each action and how many times, in {@link RepAction} order; empty when nothing raises the
     *                    score
     * @param score       the score the customer would get after them
     * @param segment     the segment he would be in
     * @param probability the calibrated probability behind that score
     * @param customer    the customer as he would be after them, the eight inputs: scoring him gives that score
     * @param text        the step in a rep's words, in the requested language
     */
    public record NextStep(
            Segment target,
            boolean reached,
            Map<RepAction, Integer> actions,
            int score,
            Segment segment,
            double probability,
            Customer customer,
            String text) {}

    /**
     * How long a Hot customer stays Hot without contact: his days since the last contact increased day by day, the
     * rest unchanged.
     *
     * @param days    the first day without contact on which he is no longer Hot, or {@code null} when he is still Hot
     *                after {@value WhatIfSearch#HORIZON_DAYS} days
     * @param segment the segment he falls to that day (Warm, or Cold when he drops two at once), or {@code null}
     * @param text    the same in a rep's words, in the requested language
     */
    public record AtRisk(Integer days, Segment segment, String text) {}
}
