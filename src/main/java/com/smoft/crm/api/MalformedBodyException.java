package com.smoft.crm.api;

import com.smoft.crm.scoring.RecordProblem;
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
    MalformedBodyException(RecordProblem problem) {
        this("field", problem.field(), WireProblems.reason(problem));
        getBody().setProperty("errors", List.of(WireProblems.FieldError.of(problem)));
    }
}
