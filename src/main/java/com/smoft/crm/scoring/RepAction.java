package com.smoft.crm.scoring;

import java.util.Locale;

/**
 * What a rep can do to a customer, as the what-if search tries it ({@link WhatIfSearch}): declared once, with what
 * each changes in the customer's eight inputs and how many times at most one search tries it.
 *
 * <table>
 *   <caption>Actions</caption>
 *   <tr><th>Action</th><th>Changes</th><th>At most</th></tr>
 *   <tr><td>contact_today</td><td>days since last contact to 0, contacts + 1</td><td>1</td></tr>
 *   <tr><td>email_opened</td><td>emails sent + 1, emails opened + 1</td><td>3</td></tr>
 *   <tr><td>site_visit</td><td>website visits + 1</td><td>5</td></tr>
 * </table>
 *
 * <p>An action that would take an input beyond what {@link InputField} accepts (a count is an {@code int}) is not
 * tried that many times.
 */
public enum RepAction {
    /** A contact today: days since the last contact to 0, one contact more. */
    CONTACT_TODAY(1),
    /** An email sent and opened. */
    EMAIL_OPENED(3),
    /** A visit to the website. */
    SITE_VISIT(5);

    private final int mostTimes;
    private final String key;

    RepAction(int mostTimes) {
        this.mostTimes = mostTimes;
        this.key = name().toLowerCase(Locale.ROOT);
    }

    /** The action's name on the wire: {@code contact_today}, {@code email_opened}, {@code site_visit}. */
    public String key() {
        return key;
    }

    /** How many times at most one search tries it. */
    public int mostTimes() {
        return mostTimes;
    }

    /** How many times it can be done to this customer: {@link #mostTimes()}, fewer near an input's largest value. */
    public int mostTimes(Customer customer) {
        return switch (this) {
            case CONTACT_TODAY -> Math.min(mostTimes, room(customer.totalContacts()));
            case EMAIL_OPENED ->
                Math.min(mostTimes, Math.min(room(customer.emailsSent()), room(customer.emailsOpened())));
            case SITE_VISIT -> Math.min(mostTimes, room(customer.websiteVisits()));
        };
    }

    /** The customer after the action done {@code times} times (at most {@link #mostTimes(Customer)}). */
    public Customer applyTo(Customer customer, int times) {
        if (times < 0 || times > mostTimes(customer)) {
            throw new IllegalArgumentException(key + " cannot be done " + times + " times to this customer");
        }
        if (times == 0) {
            return customer;
        }
        return switch (this) {
            case CONTACT_TODAY ->
                new Customer(
                        customer.customerId(),
                        0,
                        customer.totalContacts() + times,
                        customer.totalSpent(),
                        customer.emailsSent(),
                        customer.emailsOpened(),
                        customer.websiteVisits(),
                        customer.customerAgeDays());
            case EMAIL_OPENED ->
                new Customer(
                        customer.customerId(),
                        customer.daysSinceLastContact(),
                        customer.totalContacts(),
                        customer.totalSpent(),
                        customer.emailsSent() + times,
                        customer.emailsOpened() + times,
                        customer.websiteVisits(),
                        customer.customerAgeDays());
            case SITE_VISIT ->
                new Customer(
                        customer.customerId(),
                        customer.daysSinceLastContact(),
                        customer.totalContacts(),
                        customer.totalSpent(),
                        customer.emailsSent(),
                        customer.emailsOpened(),
                        customer.websiteVisits() + times,
                        customer.customerAgeDays());
        };
    }

    /** How much a count may still grow within {@link InputField#MAX_COUNT}. */
    private static int room(int count) {
        return InputField.MAX_COUNT - count;
    }
}
