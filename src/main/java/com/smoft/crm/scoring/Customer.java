package com.smoft.crm.scoring;

/**
 * One customer's observed behaviour, the input of a score.
 *
 * <p>Every count is a non-negative integer, the amount spent a non-negative finite number of euros,
 * and a customer cannot have opened more emails than were sent. The constructor refuses anything
 * else, so a library user cannot get a silently wrong score either.
 *
 * @param customerId           the caller's identifier, echoed back
 * @param daysSinceLastContact days since the last contact with a sales rep
 * @param totalContacts        number of contacts so far
 * @param totalSpent           money spent so far, in euros
 * @param emailsSent           marketing emails sent to the customer
 * @param emailsOpened         of those, how many were opened
 * @param websiteVisits        visits to the company's website
 * @param customerAgeDays      days since the customer was first recorded
 */
public record Customer(long customerId, int daysSinceLastContact, int totalContacts, double totalSpent,
                       int emailsSent, int emailsOpened, int websiteVisits, int customerAgeDays) {

    public Customer {
        requireNonNegative("days_since_last_contact", daysSinceLastContact);
        requireNonNegative("total_contacts", totalContacts);
        if (!Double.isFinite(totalSpent) || totalSpent < 0) {
            throw new IllegalArgumentException("total_spent must be a finite number >= 0, got " + totalSpent);
        }
        requireNonNegative("emails_sent", emailsSent);
        requireNonNegative("emails_opened", emailsOpened);
        requireNonNegative("website_visits", websiteVisits);
        requireNonNegative("customer_age_days", customerAgeDays);
        if (emailsOpened > emailsSent) {
            throw new IllegalArgumentException("emails_opened (" + emailsOpened
                    + ") must not exceed emails_sent (" + emailsSent + ")");
        }
    }

    private static void requireNonNegative(String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + value);
        }
    }
}
