package com.smoft.crm.scoring;

/**
 * One customer's observed behaviour, the input of a score.
 *
 * <p>Every count is a non-negative integer and the amount spent a non-negative finite number of euros;
 * the constructor refuses anything else, so a library user cannot get a silently wrong score either.
 * Opens may exceed sends: email tracking counts repeated opens (the open rate is capped at 100 %).
 *
 * @param customerId           the caller's identifier (a number or a CRM record id), echoed back
 * @param daysSinceLastContact days since the last contact with a sales rep
 * @param totalContacts        number of contacts so far
 * @param totalSpent           money spent so far, in euros
 * @param emailsSent           marketing emails sent to the customer
 * @param emailsOpened         opens counted by email tracking (repeated opens count again)
 * @param websiteVisits        visits to the company's website
 * @param customerAgeDays      days since the customer was first recorded
 */
public record Customer(CustomerId customerId, int daysSinceLastContact, int totalContacts, double totalSpent,
                       int emailsSent, int emailsOpened, int websiteVisits, int customerAgeDays) {

    /** A customer with a numeric identifier. */
    public Customer(long customerId, int daysSinceLastContact, int totalContacts, double totalSpent,
                    int emailsSent, int emailsOpened, int websiteVisits, int customerAgeDays) {
        this(CustomerId.of(customerId), daysSinceLastContact, totalContacts, totalSpent, emailsSent, emailsOpened,
                websiteVisits, customerAgeDays);
    }

    public Customer {
        if (customerId == null) {
            throw new IllegalArgumentException("customer_id is required");
        }
        requireNonNegative("days_since_last_contact", daysSinceLastContact);
        requireNonNegative("total_contacts", totalContacts);
        if (!Double.isFinite(totalSpent) || totalSpent < 0) {
            throw new IllegalArgumentException("total_spent must be a finite number >= 0, got " + totalSpent);
        }
        requireNonNegative("emails_sent", emailsSent);
        requireNonNegative("emails_opened", emailsOpened);
        requireNonNegative("website_visits", websiteVisits);
        requireNonNegative("customer_age_days", customerAgeDays);
    }

    private static void requireNonNegative(String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + value);
        }
    }
}
