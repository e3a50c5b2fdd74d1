package com.smoft.crm.scoring;

/**
 * The customer the tests score when any valid customer will do: the README's example, as an engine object and as the
 * JSON the API reads.
 */
public final class TestCustomers {

    /** The README's example customer. */
    public static final Customer SAMPLE = new Customer(1, 5, 10, 1500.50, 8, 6, 15, 120);

    /** The same customer as a client sends it to the API, one field per {@code "key": value}. */
    public static final String CUSTOMER = """
            {"customer_id": 1, "days_since_last_contact": 5, "total_contacts": 10, "total_spent": 1500.50,
             "emails_sent": 8, "emails_opened": 6, "website_visits": 15, "customer_age_days": 120}""";

    private TestCustomers() {}

    /** A batch request holding these customers' JSON, in this order. */
    public static String batchOf(String... customers) {
        return "{\"clients\": [" + String.join(",", customers) + "]}";
    }
}
