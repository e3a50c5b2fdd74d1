package com.smoft.crm.api;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A batch of customers: {@code {"clients": [...]}}, as the OpenAPI document describes it. Bodies are read as a stream
 * by {@link BatchReader}, which checks them; this record only documents them.
 *
 * @param clients the customers, scored in this order
 * @param explain whether to add the reasons of each score (costlier), and what would move each customer
 *                (as {@code ?whatif=true})
 */
@Schema(description = "Customers to score, in order", example = """
        {"clients": [
          {"customer_id": 1, "days_since_last_contact": 5, "total_contacts": 10, "total_spent": 1500.50,
           "emails_sent": 8, "emails_opened": 6, "website_visits": 15, "customer_age_days": 120},
          {"customer_id": 2, "days_since_last_contact": 200, "total_contacts": 1, "total_spent": 0,
           "emails_sent": 12, "emails_opened": 0, "website_visits": 0, "customer_age_days": 900}],
         "explain": false}""")
record BatchRequest(
        @ArraySchema(arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED), minItems = 1)
        List<CustomerRequest> clients,

        Boolean explain) {}
