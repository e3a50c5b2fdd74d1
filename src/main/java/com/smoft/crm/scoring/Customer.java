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
public record Customer(
        CustomerId customerId,
        int daysSinceLastContact,
        int totalContacts,
        double totalSpent,
        int emailsSent,
        int emailsOpened,
        int websiteVisits,
        int customerAgeDays) {

    /** A customer with a numeric identifier. */
    public Customer(
            long customerId,
            int daysSinceLastContact,
            int totalContacts,
            double totalSpent,
            int emailsSent,
            int emailsOpened,
            int websiteVisits,
            int customerAgeDays) {
        this(
                CustomerId.of(customerId),
                daysSinceLastContact,
                totalContacts,
                totalSpent,
                emailsSent,
                emailsOpened,
                websiteVisits,
                customerAgeDays);
    }

    public Customer {
        if (customerId == null) {
            throw new IllegalArgumentException(InputField.CUSTOMER_ID.key() + " is required");
        }
        requireNonNegative(InputField.DAYS_SINCE_LAST_CONTACT, daysSinceLastContact);
        requireNonNegative(InputField.TOTAL_CONTACTS, totalContacts);
        if (!Double.isFinite(totalSpent) || totalSpent < 0) {
            throw new IllegalArgumentException(
                    InputField.TOTAL_SPENT.key() + " must be a finite number >= 0, got " + totalSpent);
        }
        requireNonNegative(InputField.EMAILS_SENT, emailsSent);
        requireNonNegative(InputField.EMAILS_OPENED, emailsOpened);
        requireNonNegative(InputField.WEBSITE_VISITS, websiteVisits);
        requireNonNegative(InputField.CUSTOMER_AGE_DAYS, customerAgeDays);
    }

    private static void requireNonNegative(InputField field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(field.key() + " must be >= 0, got " + value);
        }
    }
}
