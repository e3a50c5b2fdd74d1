package com.smoft.crm.api;

import java.math.BigDecimal;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * A count: a whole number, written as {@code 10}, {@code 10.0} or {@code 1e1} (pandas and many JSON writers
 * write numeric columns as floats) or as the string {@code "10"}, as the original accepted. {@code 5.7} is
 * refused, never truncated to 5.
 */
final class WholeNumberDeserializer extends StdDeserializer<Integer> {

    WholeNumberDeserializer() {
        super(Integer.class);
    }

    @Override
    public Integer deserialize(JsonParser parser, DeserializationContext context) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getIntValue();
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            BigDecimal value = parser.getDecimalValue();
            try {
                return value.intValueExact();
            } catch (ArithmeticException fractionalOrTooLarge) {
                throw context.weirdNumberException(value, Integer.class, "not a whole number within range");
            }
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = parser.getString().strip();
            try {
                return Integer.valueOf(text);
            } catch (NumberFormatException notAWholeNumber) {
                throw context.weirdStringException(text, Integer.class, "not a whole number");
            }
        }
        return (Integer) context.handleUnexpectedToken(Integer.class, parser);
    }
}
