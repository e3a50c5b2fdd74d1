package com.smoft.crm.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.smoft.crm.csv.OutcomeCsvReader;
import com.smoft.crm.outcomes.OutcomeRepository;
import com.smoft.crm.outcomes.Outcomes;
import com.smoft.crm.scoring.InputField;
import com.smoft.crm.scoring.PostedOutcome;
import com.smoft.crm.scoring.ProblemList;
import com.smoft.crm.scoring.RecordProblem;
import com.smoft.crm.system.CrmProperties;
import com.smoft.crm.system.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Records what happened to the leads. Translates HTTP to {@link Outcomes} and back; decides nothing itself. */
@RestController
@Tag(name = "Memory")
class OutcomesController {

    static final String RECORD_DOC = "Each outcome is joined with the customer's last score before `at` within "
            + "crm.memory.outcome-window (default 90 days), its inputs kept beside it: `matched` outcomes are judged by "
            + "the live accuracy of the model that scored (GET /api/models), `unmatched` ones (no score in the window) are "
            + "kept but not judged; the same customer, outcome and day again is a duplicate, counted once, so posting "
            + "the same file twice changes nothing. `at` is a date (the whole day in crm.memory.time-zone: the "
            + "scores made up to its end are matched) or a time, by default now; more than a day ahead is refused. An "
            + "erased customer's outcome is refused (404 naming it; with ?invalid=skip, that row alone). One "
            + "transaction per request: nothing is written when it fails.";

    static final String INVALID_DOC = "`skip` records the valid outcomes and lists the others in `rejected` (with "
            + "their status: 422 for a bad value, 404 for an erased customer); by default a request with a bad or "
            + "erased outcome is refused whole";

    /** What is recorded, or {@code null} when crm.memory.enabled is false. */
    private final Outcomes outcomes;

    private final OutcomeJsonReader jsonReader;
    private final int maxSize;

    OutcomesController(ObjectProvider<Outcomes> outcomes, JsonMapper mapper, CrmProperties properties) {
        this.outcomes = outcomes.getIfAvailable();
        this.maxSize = properties.batch().maxSize();
        this.jsonReader = new OutcomeJsonReader(mapper, maxSize);
    }

    @PostMapping(
            path = "/api/outcomes",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Record what happened to leads",
            description = "A JSON list of `customer_id`, `outcome` (`converted` or `lost`) and `at`. " + RECORD_DOC,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            array =
                                                    @ArraySchema(
                                                            schema = @Schema(implementation = OutcomeRequest.class)),
                                            examples = @ExampleObject(name = "outcomes", value = """
                                    [{"customer_id": "00Q5e00000AbCdE", "outcome": "converted", "at": "2026-12-03"},
                                     {"customer_id": 1042, "outcome": "lost"}]"""))))
    @ApiResponse(
            responseCode = "200",
            description = "Recorded",
            content = @Content(schema = @Schema(implementation = OutcomesResponse.class)))
    @ApiDocs.ValidationErrors
    @ApiDocs.LeadErased
    @ApiDocs.BatchTooLarge
    @ApiDocs.MemoryDown
    @ApiDocs.Unauthorized
    OutcomesResponse record(
            HttpServletRequest request,
            @Parameter(description = INVALID_DOC) @RequestParam(defaultValue = "refuse")
                    ScoreController.InvalidRows invalid)
            throws IOException {
        requireOutcomes();
        boolean skip = invalid == ScoreController.InvalidRows.skip;
        Instant now = outcomes.now();
        OutcomeJsonReader.Read read =
                jsonReader.read(request.getInputStream(), skip, outcomes.zone(), now, outcomes.latest(now));
        return record(read.outcomes(), read.rejected(), skip, false);
    }

    @PostMapping(
            path = "/api/outcomes",
            consumes = ScoreController.TEXT_CSV,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Record what happened to leads, from a CSV export",
            description = "The same as CSV, as a CRM exports its won and lost opportunities, with the batch's "
                    + "conventions (`,` `;` or tab; UTF-8, Windows-1252 or UTF-16 with its BOM; any other columns ignored): the customer "
                    + "(`customer_id`, `client`, `identifiant`, `N° client`...), the outcome (`outcome`, `résultat`, "
                    + "`statut`...: converted/lost, 1/0, true/false, oui/non, signé/perdu, gagné/perdu, won/lost, "
                    + "whatever the case and accents) and when (`at`, `date`, `date de clôture`...: 2026-12-03, "
                    + "03/12/2026, 03/12/2026 14:30 or 2026-12-03T14:30:00Z; optional). A bad row is named by its line "
                    + "and column. " + RECORD_DOC,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = ScoreController.TEXT_CSV,
                                            schema = @Schema(type = "string", example = """
                            client;résultat;date
                            00Q5e00000AbCdE;signé;03/12/2026"""))))
    @ApiResponse(
            responseCode = "200",
            description = "Recorded",
            content = @Content(schema = @Schema(implementation = OutcomesResponse.class)))
    @ApiDocs.ValidationErrors
    @ApiDocs.LeadErased
    @ApiDocs.BatchTooLarge
    @ApiDocs.MemoryDown
    @ApiDocs.Unauthorized
    OutcomesResponse recordCsv(
            HttpServletRequest request,
            @Parameter(description = INVALID_DOC) @RequestParam(defaultValue = "refuse")
                    ScoreController.InvalidRows invalid)
            throws IOException {
        requireOutcomes();
        boolean skip = invalid == ScoreController.InvalidRows.skip;
        Charset declared = MediaType.parseMediaType(request.getHeader(HttpHeaders.CONTENT_TYPE))
                .getCharset();
        Instant now = outcomes.now();
        List<PostedOutcome> valid = new ArrayList<>();
        ProblemList<OutcomeJsonReader.Rejected> rejected =
                new ProblemList<>(row -> row.problems().size());
        int rows = 0;
        try (OutcomeCsvReader reader = OutcomeCsvReader.open(
                request.getInputStream(), declared, "The CSV body", outcomes.zone(), now, outcomes.latest(now))) {
            for (OutcomeCsvReader.Row row : reader) {
                if (++rows > maxSize) {
                    throw new BatchTooLargeException(maxSize, "crm.batch.max-size");
                }
                if (rows % BatchReader.YIELD_EVERY == 0) {
                    Thread.yield();
                }
                if (row.problems().isEmpty()) {
                    valid.add(row.outcome());
                } else {
                    rejected.add(new OutcomeJsonReader.Rejected(row.line(), row.customerId(), row.problems()));
                }
            }
        }
        ProblemList<RecordProblem> problems = new ProblemList<>();
        if (rows == 0) {
            problems.add(RecordProblem.noCustomer(1, "", "the file holds a header but no outcome"));
        } else if (!rejected.isEmpty() && (!skip || valid.isEmpty())) {
            rejected.listed().forEach(row -> problems.addAll(row.problems()));
            problems.countUnlisted(rejected.problems() - rejected.listedProblems());
        }
        if (!problems.isEmpty()) {
            throw new CsvBatchReader.InvalidCsvException(problems);
        }
        return record(valid, rejected, skip, true);
    }

    private OutcomesResponse record(
            List<PostedOutcome> valid, ProblemList<OutcomeJsonReader.Rejected> rejected, boolean skip, boolean csv) {
        Outcomes.Recorded recorded;
        try {
            recorded = outcomes.record(valid, !skip);
        } catch (OutcomeRepository.ErasedCustomersException e) {
            throw erased(
                    valid.stream()
                            .filter(outcome -> e.customers().contains(outcome.customerId()))
                            .toList(),
                    csv);
        }
        if (!skip) {
            return new OutcomesResponse(recorded.matched(), recorded.unmatched(), recorded.duplicates(), null, null);
        }
        for (PostedOutcome outcome : recorded.erased()) {
            rejected.add(new OutcomeJsonReader.Rejected(
                    outcome.position(), InputField.excerpt(outcome.customerId()), List.of(erasedProblem(outcome))));
        }
        Function<OutcomeJsonReader.Rejected, RejectedOutcome> wire = row -> RejectedOutcome.of(row, csv);
        return new OutcomesResponse(
                recorded.matched(),
                recorded.unmatched(),
                recorded.duplicates(),
                rejected.total(),
                rejected.listed().stream()
                        .sorted((a, b) -> Long.compare(a.position(), b.position()))
                        .map(wire)
                        .toList());
    }

    private static RecordProblem erasedProblem(PostedOutcome outcome) {
        return RecordProblem.erased(outcome.position(), InputField.CUSTOMER_ID.key(), outcome.customerId());
    }

    /** 404 naming every outcome of an erased customer, by index and field or by line and column. */
    private static ProblemException erased(List<PostedOutcome> refused, boolean csv) {
        ProblemList<RecordProblem> problems = new ProblemList<>();
        refused.forEach(outcome -> problems.add(erasedProblem(outcome)));
        ProblemException problem = new ProblemException(
                HttpStatus.NOT_FOUND,
                "lead-erased",
                "lead-erased",
                InputField.excerpt(refused.getFirst().customerId()),
                problems.total());
        problem.getBody()
                .setProperty(
                        "errors",
                        problems.listed().stream()
                                .map(p -> csv
                                        ? (Object) WireProblems.RowError.of(p)
                                        : WireProblems.FieldError.of(
                                                p.at(p.position(), "[" + p.position() + "]." + p.field())))
                                .toList());
        if (problems.truncated()) {
            problem.getBody().setProperty("total_errors", problems.total());
        }
        return problem;
    }

    private void requireOutcomes() {
        if (outcomes == null) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "memory-off", "memory-off");
        }
    }

    /**
     * An outcome as the JSON list gives it (the reader reads it as a stream: this record documents it).
     *
     * @param customerId the customer's identifier, as scored
     * @param outcome    what happened
     * @param at         when: a date (its whole day) or a time; by default now
     */
    @Schema(description = "What happened to a lead")
    record OutcomeRequest(
            @Schema(
                    oneOf = {Long.class, String.class},
                    example = "1",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            Object customerId,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            com.smoft.crm.scoring.Outcome outcome,

            @Schema(example = "2026-12-03", nullable = true) String at) {}

    /**
     * What a request recorded.
     *
     * @param matched    outcomes joined with the customer's last score in crm.memory.outcome-window: judged by live
     *                   accuracy
     * @param unmatched  outcomes of customers not scored in the window: kept, not judged
     * @param duplicates outcomes already recorded (the same customer, outcome and day), or twice in the request:
     *                   counted once, written once
     * @param refused    with {@code ?invalid=skip}: the outcomes left out
     * @param rejected   with {@code ?invalid=skip}: the first 1 000 left out, by index (JSON) or line (CSV)
     */
    record OutcomesResponse(
            int matched,
            int unmatched,
            int duplicates,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer refused,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<RejectedOutcome> rejected) {}

    /**
     * An outcome left out.
     *
     * @param index      its index in the list (JSON)
     * @param line       its line in the file (CSV)
     * @param customerId its customer id as sent, when there was one
     * @param status     422 for a bad value, 404 for an erased customer
     * @param errors     each bad field or value and why
     */
    record RejectedOutcome(
            @JsonInclude(JsonInclude.Include.NON_NULL) Long index,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long line,
            String customerId,
            int status,
            List<?> errors) {

        static RejectedOutcome of(OutcomeJsonReader.Rejected row, boolean csv) {
            boolean erased = row.problems().stream().anyMatch(p -> p.code() == RecordProblem.Code.ERASED);
            return new RejectedOutcome(
                    csv ? null : row.position(),
                    csv ? row.position() : null,
                    row.customerId(),
                    erased ? 404 : 422,
                    row.problems().stream()
                            .map(p -> csv ? (Object) WireProblems.RowError.of(p) : WireProblems.FieldError.of(p))
                            .toList());
        }
    }
}
