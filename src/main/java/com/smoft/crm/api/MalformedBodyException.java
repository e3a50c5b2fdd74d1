package com.smoft.crm.api;

import com.smoft.crm.system.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A body that is not the expected JSON shape at all, or that cannot be read: answered 400. */
class MalformedBodyException extends ProblemException {

    /**
     * @param detail    the detail's message code, after {@code problemDetail.malformed-body.}
     * @param arguments its arguments
     */
    MalformedBodyException(String detail, Object... arguments) {
        super(HttpStatus.BAD_REQUEST, "malformed-body", "malformed-body." + detail, arguments);
    }

    /** A field of the wrong type or value, named in {@code errors}. */
    MalformedBodyException(WireProblems.FieldError error) {
        this("field", error.field(), error.message());
        getBody().setProperty("errors", List.of(error));
    }
}
