package com.smoft.crm.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import com.smoft.crm.scoring.InputField;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * A batch of customers: {@code {"clients": [...]}}.
 *
 * @param clients the customers, scored in this order
 * @param explain whether to add the reasons of each score (costlier)
 */
@Schema(description = "Customers to score, in order", example = """
        {"clients": [
          {"customer_id": 1, "days_since_last_contact": 5, "total_contacts": 10, "total_spent": 1500.50,
           "emails_sent": 8, "emails_opened": 6, "website_visits": 15, "customer_age_days": 120},
          {"customer_id": 2, "days_since_last_contact": 200, "total_contacts": 1, "total_spent": 0,
           "emails_sent": 12, "emails_opened": 0, "website_visits": 0, "customer_age_days": 900}],
         "explain": false}""")
record BatchRequest(@NotNull(message = InputField.REQUIRED) @NotEmpty(message = "must hold at least one customer")
                    List<@NotNull(message = "must be a customer object, not null") @Valid CustomerRequest> clients,
                    Boolean explain) {
}
