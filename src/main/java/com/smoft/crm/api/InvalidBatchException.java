package com.smoft.crm.api;

import java.util.List;

/** A batch refused whole: its invalid customers, each named by index and field. */
class InvalidBatchException extends RuntimeException {

    private final transient BatchReader.Problems problems;

    InvalidBatchException(BatchReader.Problems problems) {
        super(problems.total + " invalid fields");
        this.problems = problems;
    }

    List<ApiExceptionHandler.FieldProblem> listed() {
        return problems.listed;
    }

    int total() {
        return problems.total;
    }
}
