package com.smoft.crm.api;

import java.util.List;

/** One customer whose fields break the input contract, each named with why; answered 422. */
class InvalidCustomerException extends RuntimeException {

    private final transient List<ApiExceptionHandler.FieldProblem> problems;

    InvalidCustomerException(List<ApiExceptionHandler.FieldProblem> problems) {
        super(problems.size() + " invalid fields");
        this.problems = problems;
    }

    List<ApiExceptionHandler.FieldProblem> problems() {
        return problems;
    }
}
