package com.smoft.crm.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.smoft.crm.scoring.InputField;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The input contract as clients can read it: each field, what it holds, its limits and its label in both languages. */
@RestController
@Tag(name = "Scoring")
class ContractController {

    private final MessageSource messages;

    ContractController(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * One input field.
     *
     * @param key     the JSON and CSV name
     * @param kind    id, count or amount
     * @param minimum the smallest value accepted, for counts and amounts
     * @param maximum the largest amount accepted, for amounts
     * @param maxLength the longest text accepted, for the id
     * @param labelFr the field's label in French
     * @param labelEn the field's label in English
     * @param csvNames the other CSV column names read as this field, as compared: lower case, no accents, no
     *                 punctuation, no small words or plural endings
     */
    record Field(String key, String kind, @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal minimum,
                 @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal maximum,
                 @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxLength, String labelFr, String labelEn,
                 List<String> csvNames) {
    }

    @GetMapping("/api/contract")
    @Operation(summary = "The input fields",
            description = "Each of the eight fields a customer is scored on: its name, what it holds, the values accepted and "
                    + "its label in French and English, and the other CSV column names it is read from (compared without case, accents, "
                    + "punctuation, small words or plural endings: `N° client`, `Nb contacts`, `Montant dépensé (€)`). The web page "
                    + "builds its form from it.")
    @ApiDocs.Unauthorized
    List<Field> contract() {
        return Arrays.stream(InputField.values()).map(field -> new Field(field.key(), field.kind().name().toLowerCase(Locale.ROOT),
                field.minimum(), field.maximum(), field.maxLength(),
                messages.getMessage("field." + field.key(), null, Locale.FRENCH),
                messages.getMessage("field." + field.key(), null, Locale.ENGLISH), field.names())).toList();
    }
}
