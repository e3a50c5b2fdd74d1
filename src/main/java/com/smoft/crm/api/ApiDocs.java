package com.smoft.crm.api;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The documented error answers, with worked examples, shared by the endpoints of the OpenAPI document. */
final class ApiDocs {

    static final String PROBLEM_JSON = "application/problem+json";

    private ApiDocs() {}

    /** 400, 415 and 422 with examples. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "422",
            description =
                    "A field is missing, negative or too large. Each error has a stable `code` "
                            + "(missing, out_of_range, not_a_number, not_a_whole_number, too_long, not_an_id, value_count, not_one_of, wrong_type, "
                            + "malformed, not_a_customer, no_customer) and its `params`, to translate it; titles and details follow Accept-Language",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "invalid", value = """
                    {"type": "https://smoft-crm.example/problems/invalid-customer", "title": "Invalid customer data",
                     "status": 422, "detail": "2 invalid fields, first clients[3].emails_sent: must be greater than or equal to 0",
                     "instance": "/api/batch_score",
                     "errors": [{"field": "clients[3].emails_sent", "message": "must be greater than or equal to 0",
                                 "code": "out_of_range", "params": {"min": 0}},
                                {"field": "clients[7].total_contacts", "message": "must be greater than or equal to 0",
                                 "code": "out_of_range", "params": {"min": 0}}]}""")))
    @ApiResponse(
            responseCode = "400",
            description = "Malformed JSON, a wrong type (such as 5.7 contacts) or no body",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "wrong type", value = """
                    {"type": "about:blank", "title": "Malformed request body", "status": 400,
                     "detail": "Field total_contacts: value 5.7 is not a valid whole number (32-bit).", "instance": "/api/score",
                     "errors": [{"field": "total_contacts", "message": "value 5.7 is not a valid whole number (32-bit)",
                                 "code": "wrong_type", "params": {"expected": "whole_number"}}]}""")))
    @ApiResponse(
            responseCode = "415",
            description = "The body is not sent as application/json",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "not JSON", value = """
                    {"type": "about:blank", "title": "Unsupported Media Type", "status": 415,
                     "detail": "Content-Type 'text/plain' is not supported.", "instance": "/api/score"}""")))
    @interface ValidationErrors {}

    /** 413 with an example. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "413",
            description = "More customers than crm.batch.max-size",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "too large", value = """
                    {"type": "about:blank", "title": "Batch too large", "status": 413,
                     "detail": "The batch holds 150000 customers; the limit is 100000 (crm.batch.max-size). Split it into smaller batches.",
                     "instance": "/api/batch_score"}""")))
    @interface BatchTooLarge {}

    /** 401 with an example, for services run with API keys. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "401",
            description = "API keys are configured (crm.security.api-keys) and X-API-Key is missing or wrong",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "no key", value = """
                    {"type": "about:blank", "title": "Unauthorized", "status": 401,
                     "detail": "This API needs a key in the X-API-Key header.", "instance": "/api/score"}""")))
    @interface Unauthorized {}

    /** 503 and 408 with examples, for batches. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "503",
            description = "Already handling crm.batch.max-concurrent batches; retry after the Retry-After seconds",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "busy", value = """
                    {"type": "about:blank", "title": "Service busy", "status": 503,
                     "detail": "The service is already handling 16 batches (crm.batch.max-concurrent); try again in a few seconds.",
                     "instance": "/api/batch_score"}""")))
    @ApiResponse(
            responseCode = "408",
            description = "The body did not arrive within crm.limits.body-timeout",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "too slow", value = """
                    {"type": "about:blank", "title": "Request body too slow", "status": 408,
                     "detail": "The request body did not arrive within 60 s (crm.limits.body-timeout).", "instance": "/api/batch_score"}""")))
    @interface Busy {}

    /** 401 and 403 for the administration endpoints. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "401",
            description = "X-API-Key is missing or wrong",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "no key", value = """
                    {"type": "about:blank", "title": "Unauthorized", "status": 401,
                     "detail": "This API needs a key in the X-API-Key header.", "instance": "/api/admin/model/reload"}""")))
    @ApiResponse(
            responseCode = "403",
            description = "Not an admin key, or no crm.security.admin-api-keys configured (administration closed)",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "closed", value = """
                    {"type": "about:blank", "title": "Administration closed", "status": 403,
                     "detail": "Administration is closed on this service: set crm.security.admin-api-keys (CRM_SECURITY_ADMIN_API_KEYS) and call with one of those keys in X-API-Key.",
                     "instance": "/api/admin/model/reload"}""")))
    @interface AdminOnly {}

    /** 404 of a customer the memory does not know. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "404",
            description = "The memory holds nothing of this customer (never scored, erased, or beyond "
                    + "crm.memory.retention), or the memory is off (crm.memory.enabled=false)",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "unknown", value = """
                    {"type": "about:blank", "title": "Unknown lead", "status": 404,
                     "detail": "The memory holds nothing of customer CUST-404.", "instance": "/api/leads/CUST-404"}""")))
    @interface LeadNotFound {}

    /** 400 of a query or path parameter that cannot be read. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "400",
            description =
                    "A parameter cannot be read (since, limit, cursor, a segment, a customer id); `errors` names it",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "bad limit", value = """
                    {"type": "about:blank", "title": "Invalid query parameter", "status": 400,
                     "detail": "Query parameter limit cannot be '0'.", "instance": "/api/leads",
                     "errors": [{"field": "limit", "message": "must be a whole number from 1 to 1000",
                                 "code": "malformed", "params": {}}]}""")))
    @interface BadQuery {}

    /** 503 while the memory's database does not answer. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "503",
            description =
                    "The memory's database does not answer; retry after the Retry-After seconds (scoring goes on)",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "down", value = """
                    {"type": "about:blank", "title": "Memory unavailable", "status": 503,
                     "detail": "The memory's database does not answer; scoring goes on. Try again in a few seconds.",
                     "instance": "/api/leads/CUST-001"}""")))
    @interface MemoryDown {}

    /** 404 of a memory's list while the memory is off. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "404",
            description = "The memory is off (crm.memory.enabled=false): nothing is remembered to list",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "memory off", value = """
                    {"type": "about:blank", "title": "Memory off", "status": 404,
                     "detail": "This service keeps no lead history (crm.memory.enabled=false).",
                     "instance": "/api/leads/changes"}""")))
    @interface MemoryOff {}

    /** 404 of outcomes whose customer was erased. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "404",
            description = "An outcome's customer was erased (DELETE /api/leads/{customer_id}) and not scored since: "
                    + "nothing of the request is recorded; `errors` names each such outcome (code `erased`), by index "
                    + "(JSON) or line (CSV). Or the memory is off (crm.memory.enabled=false)",
            content = @Content(mediaType = PROBLEM_JSON, examples = @ExampleObject(name = "erased", value = """
                    {"type": "about:blank", "title": "Erased customer", "status": 404,
                     "detail": "Customer CUST-404 was erased: nothing more is kept of him (1 outcome refused).",
                     "instance": "/api/outcomes",
                     "errors": [{"field": "[0].customer_id", "message": "is a customer whose records were erased: nothing more is kept of him",
                                 "code": "erased", "params": {}}]}""")))
    @interface LeadErased {}
}
