package com.smoft.crm.api;

import com.smoft.crm.scoring.RecordProblem;
import com.smoft.crm.system.ProblemException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Customers whose fields break the input contract, each field named with why ({@code errors}, with its code and
 * parameters); answered 422 with the {@code invalid-customer} problem type. A batch refused whole names each field
 * {@code clients[i].field}, and says how many there were when it lists only the first ones.
 */
class InvalidCustomerException extends ProblemException {

    static final URI TYPE = URI.create("https://smoft-crm.example/problems/invalid-customer");

    /** One customer's bad fields. */
    InvalidCustomerException(List<RecordProblem> problems) {
        this(problems, problems.size());
    }

    /** The first bad fields of a batch, {@code total} in all. */
    InvalidCustomerException(List<RecordProblem> listed, int total) {
        super(
                HttpStatus.UNPROCESSABLE_CONTENT,
                TYPE,
                "invalid-customer",
                total > listed.size()
                        ? "invalid-customer.truncated"
                        : total == 1 ? "invalid-customer.one" : "invalid-customer.many",
                null,
                listed.getFirst().field(),
                WireProblems.reason(listed.getFirst()),
                total,
                listed.size());
        getBody()
                .setProperty(
                        "errors",
                        listed.stream().map(WireProblems.FieldError::of).toList());
        if (total > listed.size()) {
            getBody().setProperty("total_errors", total);
        }
    }
}
