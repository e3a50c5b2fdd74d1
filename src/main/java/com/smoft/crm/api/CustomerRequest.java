package com.smoft.crm.api;

import com.smoft.crm.scoring.Customer;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One customer as clients send it (snake_case JSON). Counts are whole numbers, {@code 10}, {@code 10.0} or
 * {@code "10"}: {@code 5.7} contacts is refused, not truncated. The amount is read as a decimal, so NaN and Infinity cannot be expressed.
 */
@Schema(description = "One customer's behaviour", example = """
        {"customer_id": 1, "days_since_last_contact": 5, "total_contacts": 10, "total_spent": 1500.50,
         "emails_sent": 8, "emails_opened": 6, "website_visits": 15, "customer_age_days": 120}""")
record CustomerRequest(
        @Schema(oneOf = {Long.class, String.class}, example = "1",
                description = "a whole number >= 0, or a CRM record id of 1 to 64 printable characters (\"00Q5e00000AbCdE\", \"CUST-001\")")
        @NotNull(message = REQUIRED) @ValidCustomerId Object customerId,
        @Schema(example = "5") @JsonDeserialize(using = WholeNumberDeserializer.class)
        @NotNull(message = REQUIRED) @PositiveOrZero(message = NON_NEGATIVE) Integer daysSinceLastContact,
        @Schema(example = "10") @JsonDeserialize(using = WholeNumberDeserializer.class)
        @NotNull(message = REQUIRED) @PositiveOrZero(message = NON_NEGATIVE) Integer totalContacts,
        @Schema(example = "1500.50", description = "euros, at most 1e12")
        @NotNull(message = REQUIRED) @DecimalMin(value = "0", message = NON_NEGATIVE)
        @DecimalMax(value = "1000000000000", message = "must be at most 1e12 euros") BigDecimal totalSpent,
        @Schema(example = "8") @JsonDeserialize(using = WholeNumberDeserializer.class)
        @NotNull(message = REQUIRED) @PositiveOrZero(message = NON_NEGATIVE) Integer emailsSent,
        @Schema(example = "6", description = "opens counted by tracking; may exceed emails_sent (the open rate is capped at 100 %)") @JsonDeserialize(using = WholeNumberDeserializer.class)
        @NotNull(message = REQUIRED) @PositiveOrZero(message = NON_NEGATIVE) Integer emailsOpened,
        @Schema(example = "15") @JsonDeserialize(using = WholeNumberDeserializer.class)
        @NotNull(message = REQUIRED) @PositiveOrZero(message = NON_NEGATIVE) Integer websiteVisits,
        @Schema(example = "120") @JsonDeserialize(using = WholeNumberDeserializer.class)
        @NotNull(message = REQUIRED) @PositiveOrZero(message = NON_NEGATIVE) Integer customerAgeDays) {

    static final String REQUIRED = "is required";
    static final String NON_NEGATIVE = "must be greater than or equal to 0";

    /** The domain customer; call only once validated. */
    Customer toCustomer() {
        return new Customer(ValidCustomerId.Validator.idOf(customerId), daysSinceLastContact, totalContacts, totalSpent.doubleValue(),
                emailsSent, emailsOpened, websiteVisits, customerAgeDays);
    }
}
