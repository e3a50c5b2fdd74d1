package com.smoft.crm.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiExceptionHandlerTests {

    /** Jackson's words keep what a caller can act on, and lose its settings, sources and class names. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "String value length (18025) exceeds the maximum allowed (10000, from `StreamReadConstraints.getMaxStringLength()`)"
                        + " | String value length (18025) exceeds the maximum allowed (10000)",
                "Number value length (500) exceeds the maximum allowed (100, from `StreamReadConstraints.getMaxNumberLength()`)"
                        + " | Number value length (500) exceeds the maximum allowed (100)",
                "Unexpected end-of-input: expected close marker for Array (start marker at [Source: REDACTED; byte offset: #UNKNOWN])"
                        + " | Unexpected end-of-input: expected close marker for Array",
                "Unexpected character ('x' (code 120)): expected a valid value at [Source: REDACTED; line: 1, column: 2]"
                        + " | Unexpected character ('x' (code 120)): expected a valid value"
            })
    void shouldKeepJacksonsReasonWithoutItsInternals(String message, String expected) {
        assertThat(ApiExceptionHandler.callerTerms(message)).isEqualTo(expected);
    }
}
