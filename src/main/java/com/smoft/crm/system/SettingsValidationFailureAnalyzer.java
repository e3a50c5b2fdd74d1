package com.smoft.crm.system;

import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * A {@code crm.*} setting out of its bounds, named as the operator writes it ({@code crm.segments.hot-threshold},
 * not the record component {@code hotThreshold}) with the value given and why it is refused. Ahead of Boot's own
 * analyzer, which names record components and the checks' method names.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class SettingsValidationFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
        ValidationErrors errors = cause.getValidationErrors();
        String prefix = errors.getName().toString();
        String description = errors.getAllErrors().stream()
                .map(error -> "- " + described(prefix, error))
                .distinct()
                .collect(Collectors.joining(System.lineSeparator()));
        return new FailureAnalysis(
                "A setting is out of its bounds:" + System.lineSeparator() + description,
                "Correct the setting (--key=value, the environment variable or application.yml) and start again.",
                cause);
    }

    /** One refusal: a check over several settings says them itself; a single setting's is named with its value. */
    private static String described(String prefix, ObjectError error) {
        String message = error.getDefaultMessage();
        if (!(error instanceof FieldError field) || (message != null && message.startsWith(prefix))) {
            return message;
        }
        String name =
                prefix + "." + field.getField().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
        return name + " = " + field.getRejectedValue() + ": " + message;
    }
}
