package com.smoft.crm.api;

import com.smoft.crm.scoring.RecordProblem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * Record problems ({@link RecordProblem}) as the API writes them in {@code errors} and {@code rejected}: the fields
 * the API always wrote, then the problem's {@code code} and {@code params}, by which a client translates it.
 */
final class WireProblems {

    private WireProblems() {}

    /** The prefix of the messages that say why a value is refused. */
    static final String REASON_PREFIX = "problem.reason.";

    /**
     * Why a value is refused, in the caller's language: the message {@code problem.reason.<code>}, or a variant of it
     * that the problem's parameters name ({@code out_of_range.min}, {@code wrong_type.array}: the value of
     * {@code expected}, else a parameter's name), its arguments the English message then the parameters' values. The
     * English messages word it as the engine does ({@code {0}}); the web page picks its texts by the same rule, from
     * {@code GET /api/contract/reasons}.
     */
    static MessageSourceResolvable reason(RecordProblem problem) {
        String code = REASON_PREFIX + problem.code().wireName();
        Map<String, Object> params = problem.params();
        List<String> codes = new ArrayList<>();
        if (params.get("expected") != null) {
            codes.add(code + "." + params.get("expected"));
        }
        params.keySet().forEach(name -> codes.add(code + "." + name));
        codes.add(code);
        List<Object> arguments = new ArrayList<>();
        arguments.add(problem.message());
        for (Object value : params.values()) {
            arguments.add(
                    value instanceof Collection<?> values
                            ? String.join(
                                    ", ", values.stream().map(String::valueOf).toList())
                            : value);
        }
        return new DefaultMessageSourceResolvable(codes.toArray(String[]::new), arguments.toArray(), problem.message());
    }

    /**
     * A bad field of a JSON customer.
     *
     * @param field   the field, {@code clients[3].emails_sent} in a batch refused whole
     * @param message why it is refused, in English
     * @param code    what is wrong, stable ({@link RecordProblem.Code#wireName()})
     * @param params  the code's parameters
     */
    record FieldError(String field, String message, String code, Map<String, Object> params) {

        static FieldError of(RecordProblem problem) {
            return new FieldError(
                    problem.field(), problem.message(), problem.code().wireName(), problem.params());
        }
    }

    /**
     * A bad value of a CSV row.
     *
     * @param line    the row's line in the file, the header being line 1
     * @param column  the column as the header names it; empty for the row as a whole
     * @param value   the value as written, cut to 200 characters
     * @param message why it is refused, in English
     * @param code    what is wrong, stable ({@link RecordProblem.Code#wireName()})
     * @param params  the code's parameters
     */
    record RowError(long line, String column, String value, String message, String code, Map<String, Object> params) {

        static RowError of(RecordProblem problem) {
            return new RowError(
                    problem.position(),
                    problem.field(),
                    problem.value(),
                    problem.message(),
                    problem.code().wireName(),
                    problem.params());
        }
    }
}
