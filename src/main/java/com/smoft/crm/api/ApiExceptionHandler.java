package com.smoft.crm.api;

import com.smoft.crm.system.ProblemTexts;
import jakarta.servlet.http.HttpServletRequest;
import com.smoft.crm.csv.CustomerCsvReader;
import com.smoft.crm.system.BodyLimitException;
import com.smoft.crm.system.ServiceBusyException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The one error handler: every failure leaves as RFC 9457 {@code application/problem+json}, with an
 * {@code errors} list naming each bad field (snake_case, batch rows by index) and why. Nothing
 * internal, no stack trace, ever reaches a client.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** One bad field. */
    record FieldProblem(String field, String message) {
    }

    @ExceptionHandler(InvalidCustomerException.class)
    ResponseEntity<Object> handleInvalidCustomer(InvalidCustomerException ex) {
        return invalid(ex.problems());
    }

    @ExceptionHandler(InvalidBatchException.class)
    ResponseEntity<Object> handleInvalidBatch(InvalidBatchException ex) {
        ResponseEntity<Object> response = invalid(ex.listed());
        if (ex.total() > ex.listed().size()) {
            ProblemDetail problem = (ProblemDetail) response.getBody();
            problem.setDetail(ex.total() + " invalid fields, the first " + ex.listed().size() + " listed; first "
                    + ex.listed().getFirst().field() + ": " + ex.listed().getFirst().message());
            problem.setProperty("total_errors", ex.total());
        }
        return response;
    }

    @ExceptionHandler({JacksonException.class, MalformedBodyException.class})
    ResponseEntity<Object> handleMalformedBatch(RuntimeException ex, HttpServletRequest request) {
        if (ex instanceof JacksonIOException io && io.getCause() instanceof IOException cause) {
            return handleUnreadableBody(cause, request);
        }
        return malformed(ex);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        BodyLimitException limit = bodyLimitIn(ex);
        return limit != null ? bodyLimit(limit) : malformed(ex.getMostSpecificCause());
    }

    /** Names what to send: {@code curl -d} without {@code -H} sends a form, the commonest cause of this answer. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex, HttpHeaders headers,
                                                                     HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            String supported = ex.getSupportedMediaTypes().stream().map(MediaType::toString).distinct()
                    .collect(Collectors.joining(" or "));
            String sent = ex.getContentType() == null ? "This Content-Type" : "Content-Type '" + shorten(ex.getContentType().toString()) + "'";
            problem.setDetail(sent + " is not accepted here: send " + supported
                    + " (with curl: -H 'Content-Type: application/json'), or no Content-Type for JSON.");
        }
        return response;
    }

    /** A path that serves nothing: said in the service's words, never naming a resource handler or repeating the path. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
                                                                    HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleNoResourceFoundException(ex, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            problem.setDetail(ProblemTexts.detail(404));
        }
        return response;
    }

    /** A body that broke a limit while it was read (413 too large, 408 too slow), or that could not be read at all. */
    @ExceptionHandler(IOException.class)
    ResponseEntity<Object> handleUnreadableBody(IOException ex, HttpServletRequest request) {
        BodyLimitException limit = bodyLimitIn(ex);
        if (limit != null) {
            return bodyLimit(limit);
        }
        if (stalledIn(ex)) {
            return bodyLimit(BodyLimitException.stalled());
        }
        log.info("Request body on {} could not be read: {}", request.getRequestURI(), ex.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body could not be read to its end.");
        problem.setTitle("Malformed request body");
        return ResponseEntity.badRequest().body(problem);
    }

    /** A query string Tomcat cannot decode ({@code ?explain=%zz}): the caller's mistake, not a failure of ours. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> handleMalformedQuery(InvalidParameterException ex, HttpServletRequest request) {
        log.info("Malformed query string on {}: {}", request.getRequestURI(), ex.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The query string is malformed: each parameter must be name=value, with % followed by two hexadecimal digits.");
        problem.setTitle("Malformed query string");
        return ResponseEntity.badRequest().body(problem);
    }

    /** A CSV batch with bad rows: 422 naming each by line and column. */
    @ExceptionHandler(CsvBatchReader.InvalidCsvException.class)
    ResponseEntity<Object> handleInvalidCsv(CsvBatchReader.InvalidCsvException ex) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        problem.setTitle("Invalid customer data");
        problem.setType(URI.create("https://smoft-crm.example/problems/invalid-customer"));
        CsvBatchReader.RowProblem first = ex.listed.getFirst();
        String where = "line " + first.line() + (first.column().isEmpty() ? "" : ", column " + first.column());
        problem.setDetail((ex.total == 1 ? "" : ex.total + " invalid values, first ") + where + ": " + first.message()
                + (first.value().isEmpty() ? "" : " (value '" + shorten(first.value()) + "')"));
        problem.setProperty("errors", ex.listed);
        if (ex.total > ex.listed.size()) {
            problem.setProperty("total_errors", ex.total);
        }
        return ResponseEntity.unprocessableContent().body(problem);
    }

    /** A CSV body whose header lacks a column, or that is empty. */
    @ExceptionHandler(CustomerCsvReader.CsvFormatException.class)
    ResponseEntity<Object> handleCsvFormat(CustomerCsvReader.CsvFormatException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
        problem.setTitle("Not a customer CSV");
        return ResponseEntity.unprocessableContent().body(problem);
    }

    /** A CSV body that cannot be read on (an unclosed quote), or that broke a body limit while it was read. */
    @ExceptionHandler(UncheckedIOException.class)
    ResponseEntity<Object> handleUnreadableCsv(UncheckedIOException ex, HttpServletRequest request) {
        if (bodyLimitIn(ex) != null) {
            return bodyLimit(bodyLimitIn(ex));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The CSV body cannot be read: " + shorten(ex.getCause().getMessage()) + ".");
        problem.setTitle("Malformed request body");
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(ServiceBusyException.class)
    ResponseEntity<Object> handleBusy(ServiceBusyException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        problem.setTitle("Service busy");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(ServiceBusyException.RETRY_AFTER_SECONDS)).body(problem);
    }

    private static ResponseEntity<Object> bodyLimit(BodyLimitException limit) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(limit.status()), limit.getMessage());
        problem.setTitle(limit.title());
        // The rest of the body is not read, so the connection cannot serve another request: Tomcat closes it after
        // a 408 or 413 by itself. No Connection header of ours, which would make the answer end only at the close.
        return ResponseEntity.status(limit.status()).body(problem);
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

    /** 400 for a body that cannot be read as the expected JSON, naming the field when there is one. */
    private static ResponseEntity<Object> malformed(Throwable cause) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle("Malformed request body");
        if (cause instanceof MalformedBodyException malformedBody) {
            problem.setDetail(malformedBody.getMessage());
        } else if (cause instanceof JacksonException jackson) {
            String field = jsonPath(jackson.getPath());
            String reason = reasonOf(jackson);
            if (field.isEmpty()) {
                problem.setDetail("The body is not valid JSON: " + reason + ".");
            } else {
                problem.setDetail("Field " + field + ": " + reason + ".");
                problem.setProperty("errors", List.of(new FieldProblem(field, reason)));
            }
        } else {
            problem.setDetail("The request needs a JSON body.");
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> handleParameterMismatch(MethodArgumentTypeMismatchException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Query parameter " + ex.getName() + " cannot be '" + shorten(String.valueOf(ex.getValue())) + "'.");
        problem.setTitle("Invalid query parameter");
        problem.setProperty("errors", List.of(new FieldProblem(ex.getName(), "invalid value")));
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(BatchTooLargeException.class)
    ResponseEntity<Object> handleBatchTooLarge(BatchTooLargeException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
        problem.setTitle("Batch too large");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, HttpServletRequest request) {
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The service failed to answer this request; it has been logged.");
        problem.setTitle("Internal error");
        return ResponseEntity.internalServerError().body(problem);
    }

    private static ResponseEntity<Object> invalid(List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        problem.setTitle("Invalid customer data");
        problem.setType(URI.create("https://smoft-crm.example/problems/invalid-customer"));
        problem.setDetail(problems.size() == 1
                ? problems.getFirst().field() + ": " + problems.getFirst().message()
                : problems.size() + " invalid fields, first " + problems.getFirst().field() + ": " + problems.getFirst().message());
        problem.setProperty("errors", problems);
        return ResponseEntity.unprocessableContent().body(problem);
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

    /** Why Jackson refused the body, in words that name no Java class. */
    static String reasonOf(JacksonException jackson) {
        return switch (jackson) {
            case InvalidFormatException invalid ->
                    "value " + shorten(String.valueOf(invalid.getValue())) + " is not a valid " + typeName(invalid.getTargetType());
            case MismatchedInputException mismatch -> "expected " + typeName(mismatch.getTargetType());
            case InputCoercionException coercion -> "number out of range of " + typeName(coercion.getTargetType());
            default -> callerTerms(jackson.getOriginalMessage());
        };
    }

    /**
     * Jackson's own words for a syntax or limit error, without what only a Java developer could act on: the
     * settings it names ({@code from `StreamReadConstraints...`}), the features it suggests enabling, class names.
     */
    static String callerTerms(String message) {
        return shorten(message)
                .replaceAll(",? ?\\(?from `[^`]*`\\)?", "")
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
        return switch (type.getSimpleName()) {
            case "Integer", "int" -> "whole number (32-bit)";
            case "Long", "long" -> "whole number (64-bit)";
            case "BigDecimal", "Double", "double" -> "number";
            case "BatchRequest", "CustomerRequest" -> "JSON object";
            case "String" -> "string";
            case "List" -> "JSON array";
            default -> "value";
        };
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String line = text.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
