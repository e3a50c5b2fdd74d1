package com.smoft.crm.scoring;

/**
 * What the rep should do next, and by when.
 *
 * @param action      CALL, EMAIL or NURTURE
 * @param channel     phone or email
 * @param withinHours deadline in hours
 * @param text        the instruction in the requested language
 */
public record NextAction(String action, String channel, int withinHours, String text) {}
