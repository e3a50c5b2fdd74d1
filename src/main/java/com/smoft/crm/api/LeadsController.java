package com.smoft.crm.api;

import com.smoft.crm.csv.FormulaCells;
import com.smoft.crm.memory.Cursor;
import com.smoft.crm.memory.HistoryPoint;
import com.smoft.crm.memory.LeadMemory;
import com.smoft.crm.memory.LeadState;
import com.smoft.crm.memory.SegmentChange;
import com.smoft.crm.memory.Trend;
import com.smoft.crm.outcomes.Outcomes;
import com.smoft.crm.outcomes.RecordedOutcome;
import com.smoft.crm.scoring.CustomerId;
import com.smoft.crm.scoring.InputField;
import com.smoft.crm.scoring.Segment;
import com.smoft.crm.scoring.WrittenTime;
import com.smoft.crm.system.CrmProperties;
import com.smoft.crm.system.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the service remembers of each lead: his history and trend, the changes of segment, the current leads. */
@RestController
@Tag(name = "Memory")
class LeadsController {

    /** The next page's cursor, in a CSV answer. */
    static final String NEXT_CURSOR = "X-Next-Cursor";

    static final String LIMIT_DOC = "Items per page, 1 to " + LeadsController.MAX_LIMIT;

    static final String HISTORY_DOC = "Days of history, newest first, 1 to " + LeadsController.MAX_LIMIT;

    static final String SINCE_DOC =
            "From when: a date (2026-12-03 or 03/12/2026, from its start in crm.memory.time-zone) or a "
                    + "time (2026-12-03T08:00:00Z); by default the start of yesterday";

    static final String CSV_DOC = "The same page in CSV: semicolons and decimal commas in French (the default), commas "
            + "in English (Accept-Language: en), UTF-8 with a byte order mark; the next page's cursor in the "
            + "X-Next-Cursor header.";

    static final String CURSOR_DOC = "The `next_cursor` of the previous page (in CSV, its `X-Next-Cursor` header)";

    /** Most items in one page or one history. */
    static final int MAX_LIMIT = 1000;

    /** The memory of each lead, or {@code null} when crm.memory.enabled is false. */
    private final LeadMemory memory;

    /** What happened to the leads, or {@code null} when crm.memory.enabled is false. */
    private final Outcomes outcomes;

    private final ZoneId zone;
    private final MessageSource messages;

    LeadsController(
            ObjectProvider<LeadMemory> memory,
            ObjectProvider<Outcomes> outcomes,
            CrmProperties properties,
            MessageSource messages) {
        this.memory = memory.getIfAvailable();
        this.outcomes = outcomes.getIfAvailable();
        this.zone = properties.memory().timeZone();
        this.messages = messages;
    }

    @GetMapping(path = "/api/leads/{customer_id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "A lead's history and trend",
            description = "His latest score, segment, probability and model; his trend (`improving`, `steady`, "
                    + "`declining`: the latest score against his score at least crm.memory.trend-days earlier, "
                    + "crm.memory.trend-points either way; `insufficient` without such a score); his points, one per "
                    + "day (the day's latest), newest first, each with the inputs as scored; his changes of segment, "
                    + "newest first (his first score is a change from null); what happened to him (POST /api/outcomes), "
                    + "newest first, each with the score it was joined with.")
    @ApiResponse(
            responseCode = "200",
            description = "The lead",
            content = @Content(schema = @Schema(implementation = LeadResponse.class)))
    @ApiDocs.LeadNotFound
    @ApiDocs.BadQuery
    @ApiDocs.MemoryDown
    @ApiDocs.Unauthorized
    LeadResponse lead(
            @PathVariable("customer_id") String customerId,
            @Parameter(description = HISTORY_DOC) @RequestParam(defaultValue = "90") String limit) {
        return leadOf(customerId, limit);
    }

    @GetMapping(path = "/api/lead", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "A lead's history and trend, the id as a parameter",
            description = "As GET /api/leads/{customer_id}, for any id: one holding `/`, `%` or `\\`, which a path "
                    + "cannot carry, is given here as `customer_id=`.")
    @ApiResponse(
            responseCode = "200",
            description = "The lead",
            content = @Content(schema = @Schema(implementation = LeadResponse.class)))
    @ApiDocs.LeadNotFound
    @ApiDocs.BadQuery
    @ApiDocs.MemoryDown
    @ApiDocs.Unauthorized
    LeadResponse leadById(
            @Parameter(description = "The customer's id, as scored") @RequestParam("customer_id") String customerId,
            @Parameter(description = HISTORY_DOC) @RequestParam(defaultValue = "90") String limit) {
        return leadOf(customerId, limit);
    }

    private LeadResponse leadOf(String customerId, String limit) {
        requireMemory();
        String id = customerId(customerId);
        int days = limit(limit);
        LeadMemory.LeadHistory lead = memory.lead(id, days)
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND, "lead-unknown", "lead-unknown", InputField.excerpt(id)));
        return LeadResponse.of(lead, outcomes == null ? List.of() : outcomes.of(id));
    }

    @GetMapping(path = "/api/leads/changes", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Changes of segment since a time",
            description = "The customers whose segment changed since `since` (to `to` when given), newest first: with "
                    + "`to=Hot`, the morning's new Hot leads. A customer's first score counts as a change from null. "
                    + "Also in CSV with Accept: text/csv.")
    @ApiResponse(
            responseCode = "200",
            description = "A page of changes",
            content = @Content(schema = @Schema(implementation = ChangesPage.class)))
    @ApiDocs.MemoryOff
    @ApiDocs.BadQuery
    @ApiDocs.MemoryDown
    @ApiDocs.Unauthorized
    ChangesPage changes(
            @Parameter(description = SINCE_DOC) @RequestParam(required = false) String since,
            @Parameter(description = "Only changes to this segment: Hot, Warm or Cold") @RequestParam(required = false)
                    String to,
            @Parameter(description = LIMIT_DOC) @RequestParam(defaultValue = "100") String limit,
            @Parameter(description = CURSOR_DOC) @RequestParam(required = false) String cursor) {
        LeadMemory.Page<SegmentChange> page = changesPage(since, to, limit, cursor);
        return new ChangesPage(page.items(), page.nextCursor());
    }

    @GetMapping(path = "/api/leads/changes", produces = ScoreController.TEXT_CSV)
    @Operation(summary = "Changes of segment since a time, in CSV", description = CSV_DOC)
    @ApiResponse(
            responseCode = "200",
            description = "A page of changes",
            content = @Content(mediaType = ScoreController.TEXT_CSV, schema = @Schema(type = "string")))
    @ApiDocs.MemoryOff
    @ApiDocs.BadQuery
    @ApiDocs.MemoryDown
    @ApiDocs.Unauthorized
    void changesCsv(
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "100") String limit,
            @RequestParam(required = false) String cursor,
            HttpServletResponse response,
            Locale locale)
            throws IOException {
        LeadMemory.Page<SegmentChange> page = changesPage(since, to, limit, cursor);
        writeCsv(
                page,
                "lead-changes.csv",
                List.of("customer_id", "changed_at", "from", "to", "score_before", "score_after"),
                change -> Arrays.asList(
                        change.customerId(),
                        change.changedAt(),
                        change.from(),
                        change.to(),
                        change.scoreBefore(),
                        change.scoreAfter()),
                response,
                locale);
    }

    @GetMapping(path = "/api/leads", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Current leads, by segment and trend",
            description =
                    "Every remembered lead as he stands, highest score first: with `segment=Hot&trend=declining`, "
                            + "the Hot leads cooling off. Also in CSV with Accept: text/csv.")
    @ApiResponse(
            responseCode = "200",
            description = "A page of leads",
            content = @Content(schema = @Schema(implementation = LeadsPage.class)))
    @ApiDocs.MemoryOff
    @ApiDocs.BadQuery
    @ApiDocs.MemoryDown
    @ApiDocs.Unauthorized
    LeadsPage leads(
            @Parameter(description = "Only this segment: Hot, Warm or Cold") @RequestParam(required = false)
                    String segment,
            @Parameter(
                            description = "Only this trend",
                            schema = @Schema(allowableValues = {"improving", "steady", "declining", "insufficient"}))
                    @RequestParam(required = false)
                    String trend,
            @Parameter(description = LIMIT_DOC) @RequestParam(defaultValue = "100") String limit,
            @Parameter(description = CURSOR_DOC) @RequestParam(required = false) String cursor) {
        LeadMemory.Page<LeadState> page = leadsPage(segment, trend, limit, cursor);
        return new LeadsPage(page.items(), page.nextCursor());
    }

    @GetMapping(path = "/api/leads", produces = ScoreController.TEXT_CSV)
    @Operation(summary = "Current leads, by segment and trend, in CSV", description = CSV_DOC)
    @ApiResponse(
            responseCode = "200",
            description = "A page of leads",
            content = @Content(mediaType = ScoreController.TEXT_CSV, schema = @Schema(type = "string")))
    @ApiDocs.MemoryOff
    @ApiDocs.BadQuery
    @ApiDocs.MemoryDown
    @ApiDocs.Unauthorized
    void leadsCsv(
            @RequestParam(required = false) String segment,
            @RequestParam(required = false) String trend,
            @RequestParam(defaultValue = "100") String limit,
            @RequestParam(required = false) String cursor,
            HttpServletResponse response,
            Locale locale)
            throws IOException {
        LeadMemory.Page<LeadState> page = leadsPage(segment, trend, limit, cursor);
        writeCsv(
                page,
                "leads.csv",
                List.of("customer_id", "score", "segment", "probability", "trend", "scored_at", "model_version"),
                lead -> Arrays.asList(
                        lead.customerId(),
                        lead.score(),
                        lead.segment(),
                        lead.probability(),
                        lead.trend(),
                        lead.scoredAt(),
                        lead.modelVersion()),
                response,
                locale);
    }

    @DeleteMapping(path = "/api/leads/{customer_id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Erase a lead",
            description = "Erases every record of the customer (the right to erasure): his points, his state, his "
                    + "changes, and his scores still waiting to be written. Needs an admin key.")
    @ApiResponse(responseCode = "204", description = "Erased; he is gone from every read")
    @ApiDocs.LeadNotFound
    @ApiDocs.BadQuery
    @ApiDocs.MemoryDown
    @ApiDocs.AdminOnly
    ResponseEntity<Void> erase(@PathVariable("customer_id") String customerId) {
        return eraseOf(customerId);
    }

    @DeleteMapping(path = "/api/lead", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Erase a lead, the id as a parameter",
            description = "As DELETE /api/leads/{customer_id}, for any id (one holding `/`, `%` or `\\`). Needs an "
                    + "admin key.")
    @ApiResponse(responseCode = "204", description = "Erased; he is gone from every read")
    @ApiDocs.LeadNotFound
    @ApiDocs.BadQuery
    @ApiDocs.MemoryDown
    @ApiDocs.AdminOnly
    ResponseEntity<Void> eraseById(
            @Parameter(description = "The customer's id, as scored") @RequestParam("customer_id") String customerId) {
        return eraseOf(customerId);
    }

    private ResponseEntity<Void> eraseOf(String customerId) {
        requireMemory();
        String id = customerId(customerId);
        if (!memory.erase(id)) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "lead-unknown", "lead-unknown", InputField.excerpt(id));
        }
        return ResponseEntity.noContent().build();
    }

    private LeadMemory.Page<SegmentChange> changesPage(String since, String to, String limit, String cursor) {
        requireMemory();
        Instant from = since(since);
        Segment segment = segment("to", to);
        int size = limit(limit);
        try {
            return memory.changes(from, segment, cursor, size);
        } catch (IllegalArgumentException e) {
            throw badCursor(cursor);
        }
    }

    private LeadMemory.Page<LeadState> leadsPage(String segment, String trend, String limit, String cursor) {
        requireMemory();
        Segment of = segment("segment", segment);
        Trend going = trend(trend);
        int size = limit(limit);
        try {
            return memory.leads(of, going, cursor, size);
        } catch (IllegalArgumentException e) {
            throw badCursor(cursor);
        }
    }

    /**
     * A page in CSV, the batch answer's way: semicolons and decimal commas in French, commas in English, UTF-8 with a
     * byte order mark, every cell that a spreadsheet would run as a formula made inert; the next page's cursor in a
     * header; downloaded under {@code fileName}.
     */
    private static <T> void writeCsv(
            LeadMemory.Page<T> page,
            String fileName,
            List<String> header,
            Function<T, List<Object>> row,
            HttpServletResponse response,
            Locale locale)
            throws IOException {
        boolean french = !Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
        response.setContentType(ScoreController.TEXT_CSV + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
        if (page.nextCursor() != null) {
            response.setHeader(NEXT_CURSOR, page.nextCursor());
        }
        OutputStream out = response.getOutputStream();
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        try (CSVPrinter printer = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(french ? ';' : ',')
                .setRecordSeparator("\r\n")
                .get()
                .print(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            printer.printRecord(header);
            for (T item : page.items()) {
                printer.printRecord(row.apply(item).stream()
                        .map(value -> cell(value, french))
                        .toList());
            }
        }
    }

    private static String cell(Object value, boolean decimalComma) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double number) {
            String text = Double.toString(number);
            return decimalComma ? text.replace('.', ',') : text;
        }
        return FormulaCells.neutralised(value.toString());
    }

    private void requireMemory() {
        if (memory == null) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "memory-off", "memory-off");
        }
    }

    private static String customerId(String text) {
        if (!CustomerId.isValidText(text)) {
            throw ApiExceptionHandler.invalidParameter("customer_id", text, List.of(), "must be " + InputField.ID_RULE);
        }
        return text;
    }

    static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Named below.
        }
        throw ApiExceptionHandler.invalidParameter(
                "limit", text, List.of(), "must be a whole number from 1 to " + MAX_LIMIT);
    }

    static ProblemException badCursor(String cursor) {
        return ApiExceptionHandler.invalidParameter(
                "cursor", cursor, List.of(), "must be the next_cursor of a previous page of this list");
    }

    private Instant since(String text) {
        if (text == null) {
            return LocalDate.now(zone).minusDays(1).atStartOfDay(zone).toInstant();
        }
        WrittenTime written = WrittenTime.of(text, zone);
        if (written == null) {
            throw ApiExceptionHandler.invalidTimeParameter("since", text);
        }
        Instant since = written.start();
        // Beyond what a database's timestamps hold: no change is that old, none that recent.
        return since.isBefore(Cursor.EARLIEST) ? Cursor.EARLIEST : since.isAfter(Cursor.LATEST) ? Cursor.LATEST : since;
    }

    private static Trend trend(String text) {
        if (text == null) {
            return null;
        }
        for (Trend trend : Trend.values()) {
            if (trend.name().equalsIgnoreCase(text.strip())) {
                return trend;
            }
        }
        throw ApiExceptionHandler.invalidParameter(
                "trend", text, Arrays.stream(Trend.values()).map(Trend::name).toList(), "invalid value");
    }

    /** A segment by its name on the wire (Hot) or in French (Chaud), whatever the case. */
    private Segment segment(String parameter, String text) {
        if (text == null) {
            return null;
        }
        for (Segment segment : Segment.values()) {
            String french = messages.getMessage(
                    "whatif.segment." + segment.label().toLowerCase(Locale.ROOT), null, Locale.FRENCH);
            if (segment.label().equalsIgnoreCase(text.strip()) || french.equalsIgnoreCase(text.strip())) {
                return segment;
            }
        }
        throw ApiExceptionHandler.invalidParameter(
                parameter,
                text,
                Arrays.stream(Segment.values()).map(Segment::label).toList(),
                "invalid value");
    }

    /**
     * A lead as {@code GET /api/leads/{customer_id}} answers.
     *
     * @param customerId   the customer's identifier, as text
     * @param score        his latest score
     * @param segment      his latest segment
     * @param probability  his latest probability
     * @param modelVersion the model that scored him last
     * @param scoredAt     when
     * @param trend        where his score is going
     * @param history      his points, one per day, newest first
     * @param changes      his changes of segment, newest first
     * @param outcomes     what happened to him (POST /api/outcomes), newest first, at most 100; empty when nothing
     *                     was recorded
     */
    record LeadResponse(
            String customerId,
            int score,
            String segment,
            double probability,
            String modelVersion,
            Instant scoredAt,
            Trend trend,
            List<HistoryPoint> history,
            List<SegmentChange> changes,
            List<RecordedOutcome> outcomes) {

        static LeadResponse of(LeadMemory.LeadHistory lead, List<RecordedOutcome> outcomes) {
            LeadState state = lead.state();
            return new LeadResponse(
                    state.customerId(),
                    state.score(),
                    state.segment(),
                    state.probability(),
                    state.modelVersion(),
                    state.scoredAt(),
                    state.trend(),
                    lead.history(),
                    lead.changes(),
                    outcomes);
        }
    }

    /**
     * @param items      changes, newest first
     * @param nextCursor the next page's cursor, {@code null} on the last page
     */
    record ChangesPage(List<SegmentChange> items, String nextCursor) {}

    /**
     * @param items      leads, highest score first
     * @param nextCursor the next page's cursor, {@code null} on the last page
     */
    record LeadsPage(List<LeadState> items, String nextCursor) {}
}
