package com.smoft.crm.api;

import com.smoft.crm.scoring.CustomerId;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A customer id as JSON gives it: a whole number from 0 to 2^63 - 1 ({@code 1042}, or {@code 1042.0} as pandas
 * writes it), or a text of 1 to 64 printable characters (a CRM record id).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidCustomerId.Validator.class)
@interface ValidCustomerId {
    String message() default "must be a whole number >= 0 or a text of 1 to 64 printable characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks {@link ValidCustomerId}; leaves a missing id to {@code @NotNull}. Public for Bean Validation to create it. */
    final class Validator implements ConstraintValidator<ValidCustomerId, Object> {

        @Override
        public boolean isValid(Object value, ConstraintValidatorContext context) {
            return value == null || idOf(value) != null;
        }

        /** The id a JSON value stands for, or {@code null} when it stands for none. */
        static CustomerId idOf(Object value) {
            if (value instanceof String text) {
                return CustomerId.isValidText(text) ? CustomerId.of(text) : null;
            }
            if (value instanceof Integer || value instanceof Long || value instanceof BigInteger
                    || value instanceof Double || value instanceof BigDecimal) {
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
}
