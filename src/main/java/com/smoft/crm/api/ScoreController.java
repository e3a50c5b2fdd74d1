package com.smoft.crm.api;

import com.smoft.crm.memory.LeadMemory;
import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.LeadScore;
import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.RecordProblem;
import com.smoft.crm.scoring.ScoreStatistics;
import com.smoft.crm.scoring.Texts;
import com.smoft.crm.system.BatchBulkhead;
import com.smoft.crm.system.CrmProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Scores one customer or a batch. Translates HTTP to the scorer and back; decides nothing itself. */
@RestController
@Tag(name = "Scoring")
class ScoreController {

    static final String TEXT_CSV = "text/csv";

    /**
     * The header of a batch's answer counting its customers the memory could not keep: the database down and the
     * memory's queue full. Absent when every customer was kept.
     */
    static final String MEMORY_UNRECORDED = "X-Memory-Unrecorded";

    /** The CSV answer's header giving which of its columns, counted from 0, holds the customer id the service read. */
    static final String ID_COLUMN = "X-Id-Column";

    static final String EXPLAIN_DOC =
            "Adds `base_score` and `reasons`: up to three signals that raised the score, then up to "
                    + "three that lowered it. Each impact is the signal's TreeSHAP contribution to the forest's vote share, converted "
                    + "to score points in proportion, so that `base_score` plus the impacts of all seven signals equals the calibrated "
                    + "score before rounding (100 x probability). Costs about 2 ms of CPU per customer; off by default.";

    static final String WHATIF_DOC =
            "Adds what the model predicts the rep's next move would do (also with explain): below Hot, `next_step`, the "
                    + "fewest actions (contact today, up to 3 emails opened, up to 5 site visits) that move the customer "
                    + "to the next segment up, the score and segment they would reach and the customer after them (score "
                    + "him to check), or, when none does, the best score they reach; for a Hot customer, `at_risk_after`, "
                    + "the days without contact after which he would fall below Hot (none within 365 days: null). Found by "
                    + "an exact search with the model itself: what the model predicts, not a promise of cause. Tens of "
                    + "microseconds per customer.";

    static final String SORT_DOC = "`score` returns the call list, highest score first";

    static final String VIEW_DOC = "`compact` returns only customer_id, score, segment and probability per customer";

    static final String REMEMBER_DOC = "`false` keeps this request's scores out of the memory (each lead's history, "
            + "GET /api/leads); by default every score is remembered when crm.memory.enabled";

    private final LeadScorer scorer;
    private final ScoreStatistics statistics;
    private final BatchReader reader;
    private final BatchBulkhead bulkhead;
    private final CsvBatchReader csvReader;
    private final MessageSource messages;
    /** The memory of each lead, or {@code null} when crm.memory.enabled is false. */
    private final LeadMemory memory;

    ScoreController(
            LeadScorer scorer,
            ScoreStatistics statistics,
            JsonMapper mapper,
            CrmProperties properties,
            BatchBulkhead bulkhead,
            MessageSource messages,
            ObjectProvider<LeadMemory> memory) {
        this.scorer = scorer;
        this.memory = memory.getIfAvailable();
        this.messages = messages;
        this.statistics = statistics;
        this.bulkhead = bulkhead;
        this.csvReader = new CsvBatchReader(properties.batch().maxSize());
        this.reader = new BatchReader(
                mapper, properties.batch().maxSize(), properties.batch().maxExplained());
    }

    @PostMapping(
            path = "/api/score",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Score one customer",
            description =
                    "Returns the score (0-100, the calibrated conversion probability in percent), the segment and what to do.")
    @ApiDocs.ValidationErrors
    @ApiDocs.Unauthorized
    @ApiResponse(
            responseCode = "200",
            description = "The customer's score, segment and next action",
            content = @Content(schema = @Schema(implementation = ScoreResponse.class)))
    ScoreResponse score(
            @RequestBody CustomerRequest customer,
            @Parameter(description = EXPLAIN_DOC) @RequestParam(defaultValue = "false") boolean explain,
            @Parameter(description = WHATIF_DOC) @RequestParam(defaultValue = "false") boolean whatif,
            @Parameter(description = REMEMBER_DOC) @RequestParam(defaultValue = "true") boolean remember,
            Locale locale) {
        List<RecordProblem> problems = customer.problems();
        if (!problems.isEmpty()) {
            throw new InvalidCustomerException(problems);
        }
        Customer scored = customer.toCustomer();
        LeadScore lead = scorer.score(scored, locale, explain, explain || whatif);
        statistics.record(lead);
        if (remember && memory != null) {
            memory.remember(scored, lead);
        }
        return ScoreResponse.of(lead);
    }

    @PostMapping(
            path = "/api/batch_score",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Score a batch of customers",
            description =
                    "Scores every customer with the same model. A batch with any invalid customer is refused whole (422), "
                            + "naming each by index and field. `\"explain\": true` beside `clients` adds each customer's reasons "
                            + "(see /api/score), for batches up to crm.batch.max-explained customers. The body is read and the "
                            + "answer written as streams, so a batch of a million customers needs little memory.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = BatchRequest.class))))
    @ApiResponse(
            responseCode = "200",
            description = "Every customer scored",
            content = @Content(schema = @Schema(implementation = BatchResponse.class)))
    @ApiDocs.ValidationErrors
    @ApiDocs.Unauthorized
    @ApiDocs.BatchTooLarge
    @ApiDocs.Busy
    BatchResponse batchScore(
            HttpServletRequest request,
            HttpServletResponse response,
            @Parameter(description = SORT_DOC) @RequestParam(required = false) SortOrder sort,
            @Parameter(description = VIEW_DOC) @RequestParam(defaultValue = "full") BatchResponse.View view,
            @Parameter(
                            description = "`skip` scores the valid customers and lists the others in `rejected`; "
                                    + "by default a batch with an invalid customer is refused whole (422). With `skip`, an "
                                    + "item of `clients` need not match the customer schema (a wrong type, a missing field, "
                                    + "null): the request is valid as long as it is an object with a list `clients`, and "
                                    + "each item that breaks the schema comes back in `rejected`")
                    @RequestParam(defaultValue = "refuse")
                    InvalidRows invalid,
            @Parameter(description = WHATIF_DOC + " Also with `\"explain\": true`; never in the compact view.")
                    @RequestParam(defaultValue = "false")
                    boolean whatif,
            @Parameter(description = REMEMBER_DOC) @RequestParam(defaultValue = "true") boolean remember,
            Locale locale)
            throws Exception {
        return scoreBatch(
                reader.read(request.getInputStream(), invalid == InvalidRows.skip),
                sort,
                view,
                whatif,
                remember ? response : null,
                locale);
    }

    @PostMapping(path = "/api/batch_score", consumes = TEXT_CSV, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Score a CSV export",
            description =
                    "The same batch sent as CSV, as CRMs and Excel export it: a header line with the eight field names "
                            + "in any order, other columns ignored; `,` `;` or tab (found from the header); decimal commas when the "
                            + "separator is not a comma; UTF-8 with or without BOM, Windows-1252, or UTF-16 with its BOM (a BOM decides, "
                            + "else the charset of Content-Type, else detected). A bad row is named by its line and column; "
                            + "text that is not in its charset, by its line (422 `malformed_text`).",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string", example = """
                            customer_id;days_since_last_contact;total_contacts;total_spent;emails_sent;emails_opened;website_visits;customer_age_days
                            00Q5e00000AbCdE;5;10;1500,50;8;6;15;120"""))))
    @ApiResponse(
            responseCode = "200",
            description = "Every valid customer scored",
            content = @Content(schema = @Schema(implementation = BatchResponse.class)))
    @ApiDocs.ValidationErrors
    @ApiDocs.Unauthorized
    @ApiDocs.BatchTooLarge
    @ApiDocs.Busy
    BatchResponse batchScoreCsv(
            HttpServletRequest request,
            HttpServletResponse response,
            @Parameter(description = SORT_DOC) @RequestParam(required = false) SortOrder sort,
            @Parameter(description = VIEW_DOC) @RequestParam(defaultValue = "full") BatchResponse.View view,
            @Parameter(
                            description =
                                    "`skip` scores the valid rows and lists the others in `rejected` by line; a row that "
                                            + "breaks the input contract then does not refuse the file")
                    @RequestParam(defaultValue = "refuse")
                    InvalidRows invalid,
            @Parameter(description = WHATIF_DOC + " Never in the compact view.") @RequestParam(defaultValue = "false")
                    boolean whatif,
            @Parameter(description = REMEMBER_DOC) @RequestParam(defaultValue = "true") boolean remember,
            Locale locale)
            throws Exception {
        // An unknown charset never gets here: Spring answers 415 for it.
        Charset declared = MediaType.parseMediaType(request.getHeader(HttpHeaders.CONTENT_TYPE))
                .getCharset();
        return scoreBatch(
                csvReader.read(request.getInputStream(), declared, invalid == InvalidRows.skip),
                sort,
                view,
                whatif,
                remember ? response : null,
                locale);
    }

    @PostMapping(path = "/api/batch_score", consumes = TEXT_CSV, produces = TEXT_CSV)
    @Operation(
            summary = "Score a CSV export, answer in CSV",
            description =
                    "With Accept: text/csv the answer is the file's own columns, then customer_id, score, segment, "
                            + "probability, priority, next_action and recommendation (then next_step, next_step_score and "
                            + "at_risk_after with ?whatif=true, empty where they have nothing to say), in the file's "
                            + "separator; a semicolon file gets "
                            + "decimal commas and a UTF-8 byte order mark, so French Excel opens it cleanly. Rows left out with "
                            + "?invalid=skip are counted in the X-Rejected-Count header; X-Id-Column gives the position (from 0) of "
                            + "the customer id column in the answer.")
    @ApiResponse(responseCode = "200", description = "The scored file", content = @Content(mediaType = TEXT_CSV))
    @ApiDocs.ValidationErrors
    @ApiDocs.Unauthorized
    @ApiDocs.BatchTooLarge
    @ApiDocs.Busy
    void batchScoreCsvToCsv(
            HttpServletRequest request,
            HttpServletResponse response,
            @RequestParam(required = false) SortOrder sort,
            @RequestParam(defaultValue = "refuse") InvalidRows invalid,
            @Parameter(
                            description = "`all` carries every column of the file, the eight fields included "
                                    + "(its customer_id once), then the scores: the file as it came, scored")
                    @RequestParam(defaultValue = "extra")
                    CarriedColumns columns,
            @Parameter(description = WHATIF_DOC) @RequestParam(defaultValue = "false") boolean whatif,
            @Parameter(description = REMEMBER_DOC) @RequestParam(defaultValue = "true") boolean remember,
            Locale locale)
            throws Exception {
        Charset declared = MediaType.parseMediaType(request.getHeader(HttpHeaders.CONTENT_TYPE))
                .getCharset();
        // Kept on disk (within crm.limits.max-request-size) to be read a second time while the answer is written.
        Path body = Files.createTempFile("smoft-batch-", ".csv");
        try {
            try (InputStream in = request.getInputStream()) {
                Files.copy(in, body, StandardCopyOption.REPLACE_EXISTING);
            }
            BatchReader.Batch batch;
            try (InputStream in = Files.newInputStream(body)) {
                batch = csvReader.read(in, declared, invalid == InvalidRows.skip);
            }
            LeadScorer.ScoredBatch scored = score(batch, whatif, remember ? response : null);
            response.setContentType(TEXT_CSV + ";charset=UTF-8");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"scores.csv\"");
            response.setHeader("X-Rejected-Count", Integer.toString(batch.rejectedCount()));
            try (InputStream in = Files.newInputStream(body)) {
                CsvBatchWriter.write(
                        in,
                        declared,
                        scored,
                        batch.leftOut(),
                        sort == SortOrder.score ? byScoreDescending(scored) : null,
                        columns == CarriedColumns.all,
                        whatif,
                        name -> messages.getMessage("column.from-file", new Object[] {name}, Texts.supported(locale)),
                        column -> response.setHeader(ID_COLUMN, Integer.toString(column)),
                        locale,
                        response.getOutputStream());
            }
        } finally {
            Files.deleteIfExists(body);
        }
    }

    private BatchResponse scoreBatch(
            BatchReader.Batch batch,
            SortOrder sort,
            BatchResponse.View view,
            boolean whatif,
            HttpServletResponse remembering,
            Locale locale)
            throws Exception {
        boolean searched = (whatif || batch.explain()) && view != BatchResponse.View.compact;
        LeadScorer.ScoredBatch scored = score(batch, searched, remembering);
        int[] order = sort == SortOrder.score ? byScoreDescending(scored) : null;
        // Reasons, when asked for, are computed up front in parallel: on the batch threads too.
        return bulkhead.run(() -> BatchResponse.of(scored, order, locale, batch.explain(), view))
                .withRejected(batch.rejected(), batch.rejectedCount());
    }

    /**
     * Scores a batch on the batch threads; remembers it, when the answer to write is given, before anything of that
     * answer is written, and says there how many customers the memory could not keep.
     */
    private LeadScorer.ScoredBatch score(BatchReader.Batch batch, boolean whatIf, HttpServletResponse remembering)
            throws Exception {
        LeadScorer.ScoredBatch scored = bulkhead.run(() -> scorer.scoreBatch(batch.customers(), whatIf));
        statistics.record(scored);
        if (remembering != null && memory != null) {
            int lost = memory.remember(scored);
            if (lost > 0) {
                remembering.setHeader(MEMORY_UNRECORDED, Integer.toString(lost));
            }
        }
        return scored;
    }

    /** Indexes of the batch by descending score, input order among equal scores (a counting sort: scores are 0-100). */
    private static int[] byScoreDescending(LeadScorer.ScoredBatch scored) {
        int[] starts = new int[102];
        for (int i = 0; i < scored.size(); i++) {
            starts[100 - scored.score(i) + 1]++;
        }
        for (int s = 1; s < starts.length; s++) {
            starts[s] += starts[s - 1];
        }
        int[] order = new int[scored.size()];
        for (int i = 0; i < scored.size(); i++) {
            order[starts[100 - scored.score(i)]++] = i;
        }
        return order;
    }

    /** Accepted values of {@code ?invalid=}. */
    enum InvalidRows {
        /** A batch with an invalid customer is refused whole. */
        refuse,
        /** Invalid customers are left out and listed in {@code rejected}. */
        skip
    }

    /** Accepted values of {@code ?columns=} on a CSV answer. */
    enum CarriedColumns {
        /** The file's columns other than the eight fields, then customer_id and the scores. */
        extra,
        /** Every column of the file, then the scores. */
        all
    }

    /** Accepted values of {@code ?sort=}. */
    enum SortOrder {
        /** Highest score first. */
        score
    }
}
