package com.smoft.crm.api;

import com.smoft.crm.scoring.LeadScore;
import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.ScoreStatistics;
import com.smoft.crm.scoring.Segment;
import com.smoft.crm.system.CrmProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Scores one customer or a batch. Translates HTTP to the scorer and back; decides nothing itself. */
@RestController
@Tag(name = "Scoring")
class ScoreController {

    static final String EXPLAIN_DOC = "Adds `base_score` and `reasons`: up to three signals that raised the score, then up to "
            + "three that lowered it. Each impact is the signal's TreeSHAP contribution to the forest's vote share, converted "
            + "to score points in proportion, so that `base_score` plus the impacts of all seven signals equals the calibrated "
            + "score before rounding (100 x probability). Costs about 5 ms of CPU per customer; off by default.";

    private final LeadScorer scorer;
    private final ScoreStatistics statistics;
    private final Validator validator;
    private final int maxBatchSize;
    private final int maxExplained;

    ScoreController(LeadScorer scorer, ScoreStatistics statistics, Validator validator, CrmProperties properties) {
        this.scorer = scorer;
        this.statistics = statistics;
        this.validator = validator;
        this.maxBatchSize = properties.batch().maxSize();
        this.maxExplained = properties.batch().maxExplained();
    }

    @PostMapping(path = "/api/score", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Score one customer",
            description = "Returns the score (0-100, the calibrated conversion probability in percent), the segment and what to do.")
    @ApiDocs.ValidationErrors
    ScoreResponse score(@Valid @RequestBody CustomerRequest customer,
                        @Parameter(description = EXPLAIN_DOC) @RequestParam(defaultValue = "false") boolean explain,
                        Locale locale) {
        LeadScore lead = scorer.score(customer.toCustomer(), locale, explain);
        statistics.record(lead);
        return ScoreResponse.of(lead);
    }

    @PostMapping(path = "/api/batch_score", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Score a batch of customers",
            description = "Scores every customer with the same model. A batch with any invalid customer is refused whole (422), "
                    + "naming each by index and field. `\"explain\": true` beside `clients` adds each customer's reasons "
                    + "(see /api/score), for batches up to crm.batch.max-explained customers.")
    @ApiDocs.ValidationErrors
    @ApiDocs.BatchTooLarge
    BatchResponse batchScore(@RequestBody BatchRequest batch,
                             @Parameter(description = "`score` returns the call list, highest score first")
                             @RequestParam(required = false) SortOrder sort,
                             Locale locale) {
        // The size is checked before validation so that an oversized batch costs no per-customer work.
        boolean explain = Boolean.TRUE.equals(batch.explain());
        int size = batch.clients() == null ? 0 : batch.clients().size();
        if (size > maxBatchSize) {
            throw new BatchTooLargeException(size, maxBatchSize, "crm.batch.max-size");
        }
        if (explain && size > maxExplained) {
            throw new BatchTooLargeException(size, maxExplained, "crm.batch.max-explained, for a batch with explain");
        }
        Set<ConstraintViolation<BatchRequest>> violations = validator.validate(batch);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        List<LeadScore> leads = scorer.scoreAll(batch.clients().stream().map(CustomerRequest::toCustomer).toList(),
                locale, explain);
        leads.forEach(statistics::record);
        if (sort == SortOrder.score) {
            leads = leads.stream().sorted(Comparator.comparingInt(LeadScore::score).reversed()).toList();
        }
        return toResponse(leads);
    }

    /** Accepted values of {@code ?sort=}. */
    enum SortOrder {
        /** Highest score first. */
        score
    }

    private static BatchResponse toResponse(List<LeadScore> leads) {
        Map<String, Integer> summary = new LinkedHashMap<>();
        for (Segment segment : Segment.values()) {
            summary.put(segment.label(), 0);
        }
        long scoreSum = 0;
        for (LeadScore lead : leads) {
            summary.merge(lead.segment().label(), 1, Integer::sum);
            scoreSum += lead.score();
        }
        double average = leads.isEmpty() ? 0 : Math.round(100.0 * scoreSum / leads.size()) / 100.0;
        var statistics = new BatchResponse.Statistics(leads.size(), summary.get("Hot"), summary.get("Warm"),
                summary.get("Cold"), average);
        String version = leads.isEmpty() ? null : leads.getFirst().modelVersion();
        return new BatchResponse(leads.stream().map(ScoreResponse::of).toList(), leads.size(), summary, statistics, version);
    }
}
