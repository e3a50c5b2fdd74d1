package com.smoft.crm.api;

import com.smoft.crm.csv.CustomerCsvReader;
import com.smoft.crm.csv.OutcomeCsvReader;
import com.smoft.crm.scoring.InputField;
import com.smoft.crm.scoring.RecordProblem;
import com.smoft.crm.scoring.WrittenTime;
import com.smoft.crm.system.BodyLimitException;
import com.smoft.crm.system.ProblemException;
import com.smoft.crm.system.ServiceBusyException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.core.NestedRuntimeException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The one error handler: every failure leaves as RFC 9457 {@code application/problem+json}, built by Spring's
 * problem-details support from an {@link ErrorResponse} (the service's own exceptions carry their status, type and
 * message codes; others are translated to one here), its title and detail in the caller's language from
 * {@code i18n/messages*.properties}. Bad fields are listed in {@code errors} (snake_case, batch rows by index, CSV rows by
 * line), each with its {@code code} and {@code params}. Refusals decided in servlet filters come here too
 * ({@code FilterProblems}). Nothing internal, no stack trace, ever reaches a client.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** The service's own refusals and limits: the exception says everything. */
    @ExceptionHandler({ProblemException.class, BodyLimitException.class})
    ResponseEntity<Object> handleProblem(Exception ex, WebRequest request) {
        return answer((ErrorResponse) ex, request);
    }

    @ExceptionHandler(JacksonException.class)
    ResponseEntity<Object> handleMalformedBatch(JacksonException ex, WebRequest request) {
        if (ex instanceof JacksonIOException io && io.getCause() instanceof IOException cause) {
            return handleUnreadableBody(cause, request);
        }
        return answer(malformed(ex), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        BodyLimitException limit = bodyLimitIn(ex);
        if (limit != null) {
            return answer(limit, request);
        }
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return answer(malformed(jackson), request);
            }
        }
        return answer(new MalformedBodyException("none"), request);
    }

    /** Names what to send: {@code curl -d} without {@code -H} sends a form, the commonest cause of this answer. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String supported = ex.getSupportedMediaTypes().stream()
                .map(MediaType::toString)
                .distinct()
                .collect(Collectors.joining(" or "));
        String sent = ex.getContentType() == null
                ? null
                : InputField.excerpt(firstLine(ex.getContentType().toString()));
        ProblemException problem = new ProblemException(
                status, "status.415", sent == null ? "media-type.none" : "media-type", sent, supported);
        problem.getHeaders().putAll(headers);
        return answer(problem, request);
    }

    /** A body that broke a limit while it was read (413 too large, 408 too slow), or that could not be read at all. */
    @ExceptionHandler(IOException.class)
    ResponseEntity<Object> handleUnreadableBody(IOException ex, WebRequest request) {
        BodyLimitException limit = bodyLimitIn(ex);
        if (limit != null) {
            return answer(limit, request);
        }
        if (stalledIn(ex)) {
            return answer(BodyLimitException.stalled(), request);
        }
        log.info("Request body on {} could not be read: {}", uriOf(request), ex.toString());
        return answer(new MalformedBodyException("unreadable"), request);
    }

    /** A query string Tomcat cannot decode ({@code ?explain=%zz}): the caller's mistake, not a failure of ours. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> handleMalformedQuery(InvalidParameterException ex, WebRequest request) {
        log.info("Malformed query string on {}: {}", uriOf(request), ex.getMessage());
        return answer(new ProblemException(HttpStatus.BAD_REQUEST, "malformed-query", "malformed-query"), request);
    }

    /**
     * A CSV body that is not a file of customers (or of outcomes, on their endpoint): its header lacks a column, it is
     * empty, a value or its text is broken. 422 with the reason's code and parameters.
     */
    @ExceptionHandler(CustomerCsvReader.CsvFormatException.class)
    ResponseEntity<Object> handleCsvFormat(CustomerCsvReader.CsvFormatException ex, WebRequest request) {
        Map<String, Object> params = ex.params();
        // An outcome file's header names its own columns (customer, outcome, date), not the customer fields.
        boolean outcomes = uriOf(request).endsWith("/api/outcomes");
        String columns = String.join(", ", outcomes ? OutcomeCsvReader.COLUMNS : CustomerCsvReader.INPUT_COLUMNS);
        Object[] arguments = switch (ex.reason()) {
            case MISSING_COLUMN ->
                new Object[] {
                    joined(params.get("columns")),
                    joined(params.get("required")),
                    InputField.excerpt(joined(params.get("found")))
                };
            case EMPTY_FILE -> new Object[] {columns};
            case HEADER_TOO_LONG -> new Object[] {params.get("max_length"), columns};
            case HEADER_TOO_WIDE -> new Object[] {params.get("max_columns")};
            case VALUE_TOO_LONG -> new Object[] {params.get("line"), params.get("max_length")};
            case AMBIGUOUS_COLUMN -> new Object[] {params.get("field"), joined(params.get("columns"))};
            case MALFORMED_TEXT -> new Object[] {params.get("line"), params.get("charset")};
        };
        // The header's columns are said in the outcome file's words; the other reasons are the same for both files.
        boolean outcomeWords = outcomes
                && (ex.reason() == CustomerCsvReader.CsvFormatException.Reason.MISSING_COLUMN
                        || ex.reason() == CustomerCsvReader.CsvFormatException.Reason.AMBIGUOUS_COLUMN);
        ProblemException problem = new ProblemException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                null,
                ex.reason() == CustomerCsvReader.CsvFormatException.Reason.MALFORMED_TEXT
                        ? "unreadable-text"
                        : outcomes ? "not-an-outcome-csv" : "not-a-customer-csv",
                "csv." + ex.reason().wireName() + (outcomeWords ? ".outcomes" : ""),
                ex,
                arguments);
        return answer(problem.withCode(ex.reason().wireName(), params), request);
    }

    /** A CSV body that cannot be read on (an unclosed quote), or that broke a body limit while it was read. */
    @ExceptionHandler(UncheckedIOException.class)
    ResponseEntity<Object> handleUnreadableCsv(UncheckedIOException ex, WebRequest request) {
        BodyLimitException limit = bodyLimitIn(ex);
        if (limit != null) {
            return answer(limit, request);
        }
        MalformedBodyException problem = new MalformedBodyException(
                "csv", InputField.excerpt(firstLine(ex.getCause().getMessage())));
        return answer(problem.withCode("unreadable_csv", Map.of()), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> handleParameterMismatch(MethodArgumentTypeMismatchException ex, WebRequest request) {
        Class<?> type = ex.getRequiredType();
        List<String> allowed = type == null
                ? List.of()
                : type.isEnum()
                        ? Arrays.stream(type.getEnumConstants())
                                .map(Object::toString)
                                .toList()
                        : type == boolean.class || type == Boolean.class ? List.of("true", "false") : List.of();
        // A parameter given twice arrives as an array: its values, not the array's Java name.
        String given = ex.getValue() instanceof Object[] values
                ? String.join(",", Arrays.stream(values).map(String::valueOf).toList())
                : String.valueOf(ex.getValue());
        return answer(invalidParameter(ex.getName(), given, allowed, "invalid value"), request);
    }

    /**
     * 400 for a query or path parameter that cannot be read, naming it and echoing a short excerpt of its value.
     *
     * @param allowed the values it may take, when they are few; empty otherwise
     * @param message what it must be, in English (the {@code errors[].message})
     */
    static ProblemException invalidParameter(String name, String given, List<String> allowed, String message) {
        return invalidParameter(name, given, allowed, message, "invalid-parameter");
    }

    /**
     * 400 for a query parameter that is not a date or a time, its detail saying which forms are accepted
     * ({@link com.smoft.crm.scoring.WrittenTime}).
     */
    static ProblemException invalidTimeParameter(String name, String given) {
        return invalidParameter(name, given, List.of(), "must be " + WrittenTime.FORMS, "invalid-time-parameter");
    }

    private static ProblemException invalidParameter(
            String name, String given, List<String> allowed, String message, String detail) {
        String value = InputField.excerpt(firstLine(String.valueOf(given)));
        RecordProblem problem = allowed.isEmpty()
                ? new RecordProblem(-1, name, value, RecordProblem.Code.MALFORMED, Map.of(), message)
                : RecordProblem.notOneOf(-1, name, value, allowed, message);
        ProblemException answer =
                new ProblemException(HttpStatus.BAD_REQUEST, "invalid-parameter", detail, name, value);
        answer.getBody().setProperty("errors", List.of(WireProblems.FieldError.of(problem)));
        return answer;
    }

    /**
     * 503 with Retry-After when the memory's database does not answer (reads of /api/leads): its connection refused or
     * broken, a transaction that cannot begin or end (the memory's are the service's only transactions); scoring goes
     * on meanwhile. What the database said stays in the log.
     */
    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        RecoverableDataAccessException.class,
        TransientDataAccessException.class,
        TransactionException.class
    })
    ResponseEntity<Object> handleMemoryDown(NestedRuntimeException ex, WebRequest request) {
        log.warn("Memory unavailable: {}", ex.getMostSpecificCause().getMessage());
        ProblemException problem = new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "memory-down", "memory-down");
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Integer.toString(ServiceBusyException.RETRY_AFTER_SECONDS));
        return answer(problem, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, HttpServletRequest request, WebRequest webRequest) {
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), ex);
        return answer(new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "internal"), webRequest);
    }

    /** The answer Spring builds for an error response: its body resolved in the caller's language. */
    private ResponseEntity<Object> answer(ErrorResponse error, WebRequest request) {
        return handleExceptionInternal((Exception) error, null, error.getHeaders(), error.getStatusCode(), request);
    }

    /** 400 for a body that cannot be read as the expected JSON, naming the field when there is one. */
    private static MalformedBodyException malformed(JacksonException jackson) {
        RecordProblem problem = problemOf(jackson);
        if (problem.field().isEmpty() && "object".equals(problem.params().get("expected"))) {
            return new MalformedBodyException("object-expected");
        }
        return problem.field().isEmpty()
                ? new MalformedBodyException("json", syntaxReason(jackson, problem.message()))
                : new MalformedBodyException(problem);
    }

    /** Jackson's syntax errors the caller reads in his language, by the start of Jackson's words. */
    private static final Map<String, String> SYNTAX_KINDS = Map.of(
            "Invalid numeric value: Leading zeroes", "leading-zeroes",
            "Unexpected end-of-input", "end-of-input",
            "Unexpected character", "unexpected-character",
            "Unrecognized token", "unexpected-character",
            "String value length", "too-long",
            "Number value length", "too-long",
            "Document nesting depth", "too-deep");

    /**
     * Why a body is not JSON, in the caller's language: {@code problem.syntax.<kind>} for the errors a caller makes
     * (a number written 0099, a body cut short...), else {@code problem.syntax}; its arguments Jackson's words (the
     * English messages), then the line and column where reading stopped.
     */
    static MessageSourceResolvable syntaxReason(JacksonException jackson, String words) {
        String kind = SYNTAX_KINDS.entrySet().stream()
                .filter(known -> words.startsWith(known.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
        TokenStreamLocation location = jackson.getLocation();
        Object line = location == null || location.getLineNr() < 0 ? "?" : location.getLineNr();
        Object column = location == null || location.getColumnNr() < 0 ? "?" : location.getColumnNr();
        String[] codes = kind == null
                ? new String[] {"problem.syntax"}
                : new String[] {"problem.syntax." + kind, "problem.syntax"};
        return new DefaultMessageSourceResolvable(
                codes, new Object[] {words, String.valueOf(line), String.valueOf(column)}, words);
    }

    /** What Jackson refused, as a record problem: the field by its JSON path, the reason in words that name no Java class. */
    static RecordProblem problemOf(JacksonException jackson) {
        String field = jsonPath(jackson.getPath());
        return switch (jackson) {
            case InvalidFormatException invalid ->
                new RecordProblem(
                        -1,
                        field,
                        String.valueOf(invalid.getValue()),
                        RecordProblem.Code.WRONG_TYPE,
                        Map.of("expected", typeCode(invalid.getTargetType())),
                        "value " + InputField.excerpt(firstLine(String.valueOf(invalid.getValue())))
                                + " is not a valid " + typeName(invalid.getTargetType()));
            case MismatchedInputException mismatch ->
                new RecordProblem(
                        -1,
                        field,
                        "",
                        RecordProblem.Code.WRONG_TYPE,
                        Map.of("expected", typeCode(mismatch.getTargetType())),
                        "expected " + typeName(mismatch.getTargetType()));
            case InputCoercionException coercion ->
                new RecordProblem(
                        -1,
                        field,
                        "",
                        RecordProblem.Code.OUT_OF_RANGE,
                        coercion.getTargetType() == Long.class || coercion.getTargetType() == long.class
                                ? Map.of("max", Long.MAX_VALUE)
                                : Map.of("max", Integer.MAX_VALUE),
                        "number out of range of " + typeName(coercion.getTargetType()));
            default ->
                new RecordProblem(
                        -1,
                        field,
                        "",
                        RecordProblem.Code.MALFORMED,
                        Map.of(),
                        callerTerms(jackson.getOriginalMessage()));
        };
    }

    static String jsonPath(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /**
     * Jackson's own words for a syntax or limit error, without what only a Java developer could act on: the
     * settings it names ({@code from `StreamReadConstraints...`}), the features it suggests enabling, class names.
     */
    static String callerTerms(String message) {
        return InputField.excerpt(firstLine(message))
                .replaceAll(" ?\\((?:start marker )?at \\[Source[^\\]]*]\\)", "")
                .replaceAll(" ?at \\[Source[^\\]]*]", "")
                .replaceAll(" \\(from `[^`]*`\\)", "")
                .replaceAll(", from `[^`]*`", "")
                .replaceAll("[:;,]? ?(enable|disable) `[^`]*`( to allow)?", "")
                .replaceAll(" ?\\([^()]*Feature[^()]*\\)", "")
                .replaceAll("`[^`]*`", "value")
                .replaceAll("\\b(?:java|javax|jakarta|tools|com|org)\\.[\\w.$]+", "value")
                .strip();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        return switch (Collection.class.isAssignableFrom(type) ? "List" : type.getSimpleName()) {
            case "Integer", "int" -> "whole number (32-bit)";
            case "Long", "long" -> "whole number (64-bit)";
            case "BigDecimal", "Double", "double" -> "number";
            case "BatchRequest", "CustomerRequest", "Header" -> "JSON object";
            case "String" -> "string";
            case "List" -> "JSON array";
            default -> "value";
        };
    }

    /** The {@code expected} parameter of a {@code wrong_type} problem. */
    private static String typeCode(Class<?> type) {
        return switch (type == null ? "" : Collection.class.isAssignableFrom(type) ? "List" : type.getSimpleName()) {
            case "Integer", "int", "Long", "long" -> "whole_number";
            case "BigDecimal", "Double", "double" -> "number";
            case "BatchRequest", "CustomerRequest", "Header" -> "object";
            case "String" -> "string";
            case "List" -> "array";
            default -> "value";
        };
    }

    /** A body that stopped arriving: the connection's read timeout passed without a byte. */
    private static boolean stalledIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static BodyLimitException bodyLimitIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyLimitException limit) {
                return limit;
            }
        }
        return null;
    }

    private static String joined(Object names) {
        return names instanceof List<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(", "))
                : "";
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }

    private static String uriOf(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getRequestURI()
                : request.getDescription(false);
    }
}
