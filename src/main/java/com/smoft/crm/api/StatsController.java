package com.smoft.crm.api;

import com.smoft.crm.events.EventService;
import com.smoft.crm.memory.LeadMemory;
import com.smoft.crm.outcomes.LiveAccuracy;
import com.smoft.crm.scoring.Drift;
import com.smoft.crm.scoring.Feature;
import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.LoadedModel;
import com.smoft.crm.scoring.ModelCard;
import com.smoft.crm.scoring.ScoreStatistics;
import com.smoft.crm.scoring.Segment;
import com.smoft.crm.scoring.SegmentThresholds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** How the system works (the model) and how it is doing (the service since start). */
@RestController
@Tag(name = "Monitoring")
class StatsController {

    private final LeadScorer scorer;
    private final ScoreStatistics statistics;
    /** The memory of each lead, or {@code null} when crm.memory.enabled is false. */
    private final LeadMemory memory;

    /** The live accuracy of the models, or {@code null} when crm.memory.enabled is false. */
    private final LiveAccuracy live;
    /** The events, or {@code null} when crm.memory.enabled is false. */
    private final EventService events;

    StatsController(
            LeadScorer scorer,
            ScoreStatistics statistics,
            ObjectProvider<LeadMemory> memory,
            ObjectProvider<LiveAccuracy> live,
            ObjectProvider<EventService> events) {
        this.scorer = scorer;
        this.statistics = statistics;
        this.memory = memory.getIfAvailable();
        this.live = live.getIfAvailable();
        this.events = events.getIfAvailable();
    }

    @GetMapping("/api/stats")
    @Operation(
            summary = "Model and service statistics",
            description =
                    "The model in service (version, data, trees, feature importance, holdout metrics, thresholds) "
                            + "and the service since start (customers scored, per segment, score distribution, uptime), and `drift`: "
                            + "the population stability index of the scores served since start against the serving model's holdout "
                            + "scores (10 bands; stable under 0.1, watch to 0.25, shift beyond: time to retrain), `insufficient` "
                            + "below 500 customers; and `memory`: the scores the memory of each lead kept since start, those it could not "
                            + "keep (`unrecorded`), those waiting to be written; in `model`, `live`: the serving "
                            + "model's figures on the outcomes recorded since (POST /api/outcomes), as in GET /api/models. And `events`: the deliveries to webhooks and Kafka waiting or retried (`pending`) "
                            + "and given up (`failed`) in the outbox, those this instance delivered and tried since start, and "
                            + "their latency from the event.")
    @ApiResponse(
            responseCode = "200",
            description = "The model and the service",
            content = @Content(schema = @Schema(implementation = StatsResponse.class)))
    @ApiDocs.Unauthorized
    StatsResponse stats() {
        LoadedModel model = scorer.model();
        ModelCard card = model.card();
        SegmentThresholds thresholds = scorer.thresholds();
        Map<String, String> segments = new LinkedHashMap<>();
        for (Segment segment : Segment.values()) {
            segments.put(segment.label(), "Score " + thresholds.rangeOf(segment));
        }

        List<StatsResponse.FeatureWeight> features = new ArrayList<>();
        for (Feature feature : Feature.values()) {
            features.add(new StatsResponse.FeatureWeight(
                    feature.key(), card.featureImportance().get(feature.key())));
        }
        var modelStats = new StatsResponse.ModelStats(
                card.version(),
                card.trainedAt(),
                card.dataSource(),
                card.rowCount(),
                model.compiled().trees(),
                features,
                card.holdout(),
                card.outOfBag(),
                card.calibration(),
                thresholds,
                card.convertedCount(),
                card.split().holdout(),
                card.warnings() == null ? List.of() : card.warnings(),
                card.holdoutScores() == null ? List.of() : card.holdoutScores().reliability(),
                live == null ? null : live.of(card, thresholds));

        Map<String, Long> perSegment = statistics.perSegment().byLabel();
        long[] counts = statistics.distribution();
        List<StatsResponse.ScoreBin> distribution = new ArrayList<>();
        for (int bin = 0; bin < counts.length; bin++) {
            int low = bin * 10;
            distribution.add(
                    new StatsResponse.ScoreBin(low + "-" + (bin == counts.length - 1 ? 100 : low + 9), counts[bin]));
        }
        var serviceStats = new StatsResponse.ServiceStats(
                statistics.scored(),
                perSegment,
                distribution,
                statistics.startedAt().toString(),
                statistics.uptime().toSeconds());

        return new StatsResponse(
                "RandomForestClassifier",
                model.compiled().trees(),
                card.featureImportance(),
                segments,
                modelStats,
                serviceStats,
                Drift.of(statistics, card),
                memory == null ? LeadMemory.Status.OFF : memory.status(),
                events == null ? EventService.EventsStatus.OFF : events.status());
    }
}
