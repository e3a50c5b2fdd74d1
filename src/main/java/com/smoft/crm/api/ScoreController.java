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

    private final LeadScorer scorer;
    private final ScoreStatistics statistics;
    private final Validator validator;
    private final int maxBatchSize;

    ScoreController(LeadScorer scorer, ScoreStatistics statistics, Validator validator, CrmProperties properties) {
        this.scorer = scorer;
        this.statistics = statistics;
        this.validator = validator;
        this.maxBatchSize = properties.batch().maxSize();
    }

    @PostMapping(path = "/api/score", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Score one customer",
            description = "Returns the score (0-100, the calibrated conversion probability in percent), the segment and what to do.")
    @ApiDocs.ValidationErrors
    ScoreResponse score(@Valid @RequestBody CustomerRequest customer, Locale locale) {
        LeadScore lead = scorer.score(customer.toCustomer(), locale);
        statistics.record(lead);
        return ScoreResponse.of(lead);
    }

    @PostMapping(path = "/api/batch_score", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Score a batch of customers",
            description = "Scores every customer with the same model. A batch with any invalid customer is refused whole (422), naming each by index and field.")
    @ApiDocs.ValidationErrors
    @ApiDocs.BatchTooLarge
    BatchResponse batchScore(@RequestBody BatchRequest batch,
                             @Parameter(description = "`score` returns the call list, highest score first")
                             @RequestParam(required = false) SortOrder sort,
                             Locale locale) {
        // The size is checked before validation so that an oversized batch costs no per-customer work.
        if (batch.clients() != null && batch.clients().size() > maxBatchSize) {
            throw new BatchTooLargeException(batch.clients().size(), maxBatchSize);
        }
        Set<ConstraintViolation<BatchRequest>> violations = validator.validate(batch);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        List<LeadScore> leads = scorer.scoreAll(batch.clients().stream().map(CustomerRequest::toCustomer).toList(), locale);
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
