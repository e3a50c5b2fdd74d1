package com.smoft.crm.scoring;

/**
 * One signal's part in a customer's score.
 *
 * @param feature the signal
 * @param value   the customer's value of it
 * @param impact  score points it added (positive) or took away (negative)
 * @param text    the reason in a rep's words, in the requested language
 */
public record Reason(Feature feature, double value, double impact, String text) {}
