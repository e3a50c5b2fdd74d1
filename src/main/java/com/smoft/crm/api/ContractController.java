package com.smoft.crm.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.smoft.crm.scoring.CustomerId;
import com.smoft.crm.scoring.InputField;
import com.smoft.crm.scoring.ScoredRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contract as clients can read it: each input field, what it holds, its limits and its label in both languages;
 * and the columns of a scored customer ({@link ScoredRow}), with their labels.
 */
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
                field.kind() == InputField.Kind.ID ? null : BigDecimal.ZERO,
                field.kind() == InputField.Kind.AMOUNT ? InputField.MAX_AMOUNT : null,
                field.kind() == InputField.Kind.ID ? CustomerId.MAX_TEXT_LENGTH : null,
                messages.getMessage("field." + field.key(), null, Locale.FRENCH),
                messages.getMessage("field." + field.key(), null, Locale.ENGLISH), field.names())).toList();
    }

    /**
     * One column of a scored customer.
     *
     * @param key     the JSON and CSV name
     * @param kind    id, whole, decimal, code (the same in every language) or text (in the language asked for)
     * @param labelFr the column's label in French
     * @param labelEn the column's label in English
     */
    record OutputColumn(String key, String kind, String labelFr, String labelEn) {
    }

    /**
     * The columns of a scored customer.
     *
     * @param columns             every column, in the order of the CSV answer
     * @param compactColumns      the columns of the compact view ({@code ?view=compact}), in their order
     * @param probabilityDecimals the decimals the probability is rounded to
     */
    record Output(List<OutputColumn> columns, List<String> compactColumns, int probabilityDecimals) {
    }

    @GetMapping("/api/contract/output")
    @Operation(summary = "The columns of a scored customer",
            description = "What the answers give for each customer: the columns of the CSV answer in their order (after the "
                    + "file's own), what each holds and its label in French and English; the columns of the compact view; "
                    + "the decimals of the probability. The web page builds its call list from it.")
    @ApiDocs.Unauthorized
    Output output() {
        List<OutputColumn> columns = ScoredRow.TABLE.stream().map(column -> new OutputColumn(column.key(),
                column.kind().name().toLowerCase(Locale.ROOT), label(column, Locale.FRENCH), label(column, Locale.ENGLISH))).toList();
        return new Output(columns, ScoredRow.COMPACT.stream().map(ScoredRow.Column::key).toList(), ScoredRow.PROBABILITY_DECIMALS);
    }

    /** The customer id is labelled as the input field it echoes; the other columns by their own key. */
    private String label(ScoredRow.Column column, Locale locale) {
        String prefix = column == ScoredRow.Column.CUSTOMER_ID ? "field." : "column.";
        return messages.getMessage(prefix + column.key(), null, locale);
    }
}
