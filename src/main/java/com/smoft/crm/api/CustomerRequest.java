package com.smoft.crm.api;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.CustomerId;
import com.smoft.crm.scoring.InputField;
import com.smoft.crm.scoring.RecordProblem;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One customer as clients send it (snake_case JSON). Counts are whole numbers, {@code 10}, {@code 10.0} or
 * {@code "10"}: {@code 5.7} contacts is refused, not truncated. The amount is read as a decimal, so NaN and
 * Infinity cannot be expressed. Which values are accepted is {@link InputField}'s to say: {@link #problems()}.
 */
@Schema(description = "One customer's behaviour", example = """
        {"customer_id": 1, "days_since_last_contact": 5, "total_contacts": 10, "total_spent": 1500.50,
         "emails_sent": 8, "emails_opened": 6, "website_visits": 15, "customer_age_days": 120}""")
record CustomerRequest(
        @Schema(
                oneOf = {Long.class, String.class},
                example = "1")
        Object customerId,

        @Schema(example = "5") @JsonDeserialize(using = WholeNumberDeserializer.class)
        Integer daysSinceLastContact,

        @Schema(example = "10") @JsonDeserialize(using = WholeNumberDeserializer.class)
        Integer totalContacts,

        @Schema(example = "1500.50", description = "euros") BigDecimal totalSpent,

        @Schema(example = "8") @JsonDeserialize(using = WholeNumberDeserializer.class)
        Integer emailsSent,

        @Schema(
                example = "6",
                description = "opens counted by tracking; may exceed emails_sent (the open rate is capped at 100 %)")
        @JsonDeserialize(using = WholeNumberDeserializer.class)
        Integer emailsOpened,

        @Schema(example = "15") @JsonDeserialize(using = WholeNumberDeserializer.class)
        Integer websiteVisits,

        @Schema(example = "120") @JsonDeserialize(using = WholeNumberDeserializer.class)
        Integer customerAgeDays) {

    /** Each field that breaks {@link InputField}'s rules, and why, in field order; empty for a valid customer. */
    List<RecordProblem> problems() {
        List<RecordProblem> problems = new ArrayList<>(0);
        if (customerId == null) {
            problems.add(RecordProblem.missing(-1, InputField.CUSTOMER_ID.key()));
        } else if (idOf(customerId) == null) {
            problems.add(RecordProblem.notAnId(-1, InputField.CUSTOMER_ID.key(), String.valueOf(customerId)));
        }
        count(InputField.DAYS_SINCE_LAST_CONTACT, daysSinceLastContact, problems);
        count(InputField.TOTAL_CONTACTS, totalContacts, problems);
        RecordProblem amount = RecordProblem.ofAmount(
                -1, InputField.TOTAL_SPENT.key(), totalSpent, totalSpent == null ? "" : totalSpent.toPlainString());
        if (amount != null) {
            problems.add(amount);
        }
        count(InputField.EMAILS_SENT, emailsSent, problems);
        count(InputField.EMAILS_OPENED, emailsOpened, problems);
        count(InputField.WEBSITE_VISITS, websiteVisits, problems);
        count(InputField.CUSTOMER_AGE_DAYS, customerAgeDays, problems);
        return problems;
    }

    private static void count(InputField field, Integer value, List<RecordProblem> problems) {
        RecordProblem problem = RecordProblem.ofCount(-1, field.key(), value);
        if (problem != null) {
            problems.add(problem);
        }
    }

    /** The domain customer; call only once {@link #problems()} is empty. */
    Customer toCustomer() {
        return new Customer(
                idOf(customerId),
                daysSinceLastContact,
                totalContacts,
                totalSpent.doubleValue(),
                emailsSent,
                emailsOpened,
                websiteVisits,
                customerAgeDays);
    }

    /**
     * The id a JSON value stands for, or {@code null} when it stands for none: a whole number from 0 to 2^63 - 1
     * ({@code 1042}, or {@code 1042.0} as pandas writes it), or a text of {@value CustomerId#TEXT_RULE}.
     */
    static CustomerId idOf(Object value) {
        if (value instanceof String text) {
            return CustomerId.isValidText(text) ? CustomerId.of(text) : null;
        }
        if (value instanceof Integer
                || value instanceof Long
                || value instanceof BigInteger
                || value instanceof Double
                || value instanceof BigDecimal) {
            try {
                long number = new BigDecimal(value.toString()).longValueExact();
                return number >= 0 ? CustomerId.of(number) : null;
            } catch (ArithmeticException | NumberFormatException notAWholeLong) {
                return null;
            }
        }
        return null;
    }
}
