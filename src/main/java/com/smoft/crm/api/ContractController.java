package com.smoft.crm.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.smoft.crm.csv.CustomerCsvReader;
import com.smoft.crm.scoring.InputField;
import com.smoft.crm.scoring.ScoredRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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
     * @param csvNames the other CSV column names read as this field, one of each spelling told apart (a header's
     *                 columns are compared without case, accents, punctuation, small words or plural endings)
     */
    record Field(
            String key,
            String kind,
            @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal minimum,
            @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal maximum,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxLength,
            String labelFr,
            String labelEn,
            List<String> csvNames) {}

    @GetMapping("/api/contract")
    @Operation(
            summary = "The input fields",
            description =
                    "Each of the eight fields a customer is scored on: its name, what it holds, the values accepted and "
                            + "its label in French and English, and the other CSV column names it is read from (compared without case, accents, "
                            + "punctuation, small words or plural endings: `N° client`, `Nb contacts`, `Montant dépensé (€)`). The web page "
                            + "builds its form from it.")
    @ApiResponse(responseCode = "200", description = "The eight input fields")
    List<Field> contract() {
        return Arrays.stream(InputField.values())
                .map(field -> new Field(
                        field.key(),
                        field.kind().name().toLowerCase(Locale.ROOT),
                        field.minimum(),
                        field.maximum(),
                        field.maxLength(),
                        messages.getMessage("field." + field.key(), null, Locale.FRENCH),
                        messages.getMessage("field." + field.key(), null, Locale.ENGLISH),
                        field.names()))
                .toList();
    }

    /**
     * A CSV file's header, as a client read it.
     *
     * @param header the names of the file's first line, in order
     */
    record Header(List<String> header) {}

    /**
     * Where a header holds each field.
     *
     * @param columns for each field the header names, its column, counted from 0; a field it does not name is absent
     */
    record Columns(Map<String, Integer> columns) {}

    @PostMapping(
            path = "/api/contract/columns",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Which columns of a CSV header hold the fields",
            description =
                    "The columns a CSV batch with this header would be read from, found as the CSV endpoint finds them: a "
                            + "column named by a field's key first, otherwise by one of its other names (see GET /api/contract). A field "
                            + "left out of the answer would be refused as missing: the web page asks the user which column holds it.")
    @ApiResponse(
            responseCode = "200",
            description = "Where the header holds each field it names",
            content = @Content(schema = @Schema(implementation = Columns.class)))
    @ApiResponse(
            responseCode = "400",
            description = "Not a JSON object with a list of names in header, or names longer in all "
                    + "than any CSV header the service reads",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @ApiDocs.Unauthorized
    Columns columns(@RequestBody Header header) {
        List<String> names = header.header();
        if (names == null || names.contains(null)) {
            throw new MalformedBodyException("header");
        }
        if (names.size() > CustomerCsvReader.MAX_COLUMNS
                || names.stream().mapToLong(String::length).sum() > CustomerCsvReader.MAX_HEADER_CHARS) {
            throw new MalformedBodyException(
                    "header-too-long", CustomerCsvReader.MAX_HEADER_CHARS, CustomerCsvReader.MAX_COLUMNS);
        }
        Map<String, Integer> columns = new LinkedHashMap<>();
        InputField.columnsOf(names).forEach((field, column) -> columns.put(field.key(), column));
        return new Columns(columns);
    }

    /**
     * One column of a scored customer.
     *
     * @param key     the JSON and CSV name
     * @param kind    id, whole, decimal, code (the same in every language) or text (in the language asked for)
     * @param labelFr the column's label in French
     * @param labelEn the column's label in English
     */
    record OutputColumn(String key, String kind, String labelFr, String labelEn) {}

    /**
     * The columns of a scored customer.
     *
     * @param columns             every column, in the order of the CSV answer
     * @param whatIfColumns       the columns the CSV answer adds after those with {@code ?whatif=true}, in their order
     * @param compactColumns      the columns of the compact view ({@code ?view=compact}), in their order
     * @param probabilityDecimals the decimals the probability is rounded to
     * @param fromFileSuffixFr    what the French CSV answer adds to the name of a file's column named like one of
     *                            these, so that it is not read as the model's
     * @param fromFileSuffixEn    the same in the English CSV answer
     */
    record Output(
            List<OutputColumn> columns,
            List<OutputColumn> whatIfColumns,
            List<String> compactColumns,
            int probabilityDecimals,
            String fromFileSuffixFr,
            String fromFileSuffixEn) {}

    @GetMapping("/api/contract/output")
    @Operation(
            summary = "The columns of a scored customer",
            description =
                    "What the answers give for each customer: the columns of the CSV answer in their order (after the "
                            + "file's own), what each holds and its label in French and English; those ?whatif=true adds after "
                            + "them; the columns of the compact view; "
                            + "the decimals of the probability. The web page builds its call list from it.")
    @ApiResponse(
            responseCode = "200",
            description = "The columns of a scored customer",
            content = @Content(schema = @Schema(implementation = Output.class)))
    Output output() {
        return new Output(
                outputColumns(ScoredRow.TABLE),
                outputColumns(ScoredRow.WHAT_IF),
                ScoredRow.COMPACT.stream().map(ScoredRow.Column::key).toList(),
                ScoredRow.PROBABILITY_DECIMALS,
                fromFileSuffix(Locale.FRENCH),
                fromFileSuffix(Locale.ENGLISH));
    }

    private List<OutputColumn> outputColumns(List<ScoredRow.Column> columns) {
        return columns.stream()
                .map(column -> new OutputColumn(
                        column.key(),
                        column.kind().name().toLowerCase(Locale.ROOT),
                        label(column, Locale.FRENCH),
                        label(column, Locale.ENGLISH)))
                .toList();
    }

    /** The renaming of a file's column named like an answer column, as a suffix ({@code column.from-file} of no name). */
    private String fromFileSuffix(Locale locale) {
        return messages.getMessage("column.from-file", new Object[] {""}, locale);
    }

    /** The customer id is labelled as the input field it echoes; the other columns by their own key. */
    private String label(ScoredRow.Column column, Locale locale) {
        String prefix = column == ScoredRow.Column.CUSTOMER_ID ? "field." : "column.";
        return messages.getMessage(prefix + column.key(), null, locale);
    }

    @GetMapping("/api/contract/reasons")
    @Operation(
            summary = "Why a value can be refused, in French and English",
            description =
                    "The texts that say why a value is refused, by the problem's code (errors[].code) or a variant "
                            + "of it that its parameters name (out_of_range.min, wrong_type.array: the value of expected, else a "
                            + "parameter's name), in French and English: {0} stands for the English message, {1}, {2}... for the "
                            + "parameters' values in their order. The web page says refusals with them.")
    @ApiResponse(responseCode = "200", description = "The texts, by language then by code")
    Map<String, Map<String, String>> reasons() {
        Map<String, Map<String, String>> byLanguage = new LinkedHashMap<>();
        for (Locale locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
            ResourceBundle bundle = ResourceBundle.getBundle(
                    "i18n/messages",
                    locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            Map<String, String> reasons = new TreeMap<>();
            for (String key : bundle.keySet()) {
                if (key.startsWith(WireProblems.REASON_PREFIX)) {
                    reasons.put(
                            key.substring(WireProblems.REASON_PREFIX.length()), messages.getMessage(key, null, locale));
                }
            }
            byLanguage.put(locale.getLanguage(), reasons);
        }
        return byLanguage;
    }
}
