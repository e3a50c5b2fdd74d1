package com.smoft.crm.api;

import com.smoft.crm.system.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A batch over {@code crm.batch.max-size}, or over {@code crm.batch.max-explained} when it asks for reasons: 413, with
 * the code {@code batch_too_large} and the limit for a client to translate.
 */
class BatchTooLargeException extends ProblemException {

    BatchTooLargeException(int size, int limit, String setting) {
        super(HttpStatus.CONTENT_TOO_LARGE, "batch-too-large", "batch-too-large", size, limit, setting);
        withCode("batch_too_large", Map.of("limit", limit));
    }

    /** Read stopped at the limit: the exact size is not known. */
    BatchTooLargeException(int limit, String setting) {
        super(HttpStatus.CONTENT_TOO_LARGE, "batch-too-large", "batch-too-large.more", limit, setting);
        withCode("batch_too_large", Map.of("limit", limit));
    }
}
