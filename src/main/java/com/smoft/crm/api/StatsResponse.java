package com.smoft.crm.api;

import com.smoft.crm.events.EventService;
import com.smoft.crm.memory.LeadMemory;
import com.smoft.crm.outcomes.LiveAccuracy;
import com.smoft.crm.scoring.Drift;
import com.smoft.crm.scoring.ModelCard;
import com.smoft.crm.scoring.SegmentThresholds;
import java.util.List;
import java.util.Map;

/**
 * The statistics document. The first four fields are the original product's keys.
 *
 * @param modelType         the kind of model
 * @param nEstimators       number of trees
 * @param featureImportance importance per signal key, summing to 1
 * @param segments          the segment rules in words
 * @param model             the model in service
 * @param service           the service since start
 * @param drift             the scores served since start against the serving model's holdout: time to retrain?
 * @param memory            what the memory of each lead kept since start, and what it could not
 * @param events            the events told to webhooks and Kafka: waiting, given up, delivered, and how fast
 */
record StatsResponse(
        String modelType,
        int nEstimators,
        Map<String, Double> featureImportance,
        Map<String, String> segments,
        ModelStats model,
        ServiceStats service,
        Drift drift,
        LeadMemory.Status memory,
        EventService.EventsStatus events) {

    /**
     * @param version          sha256 of the model file
     * @param trainedAt        end of training
     * @param dataSource       what it was trained on
     * @param trainingRows     customers in the training data
     * @param trees            number of trees
     * @param features         the seven signals with their importance, in model order
     * @param holdout          metrics on held-out customers
     * @param outOfBag         Smile's out-of-bag metrics
     * @param calibration      how scores were calibrated
     * @param thresholds       the segment thresholds in force
     * @param trainingConverted customers of the training data who converted
     * @param holdoutCustomers  customers held out to measure the model
     * @param warnings          what training found weak, in words
     * @param reliability       per band of ten points, the holdout's mean score against the share who converted
     * @param live              its {@code live_status} (whether it keeps its holdout's promise on the outcomes of the
     *                          last 90 days) and its figures on the outcomes of the last 30 and 90 days, each beside
     *                          the holdout's; {@code null} without a memory
     */
    record ModelStats(
            String version,
            String trainedAt,
            String dataSource,
            int trainingRows,
            int trees,
            List<FeatureWeight> features,
            ModelCard.HoldoutMetrics holdout,
            ModelCard.OutOfBagMetrics outOfBag,
            String calibration,
            SegmentThresholds thresholds,
            int trainingConverted,
            int holdoutCustomers,
            List<String> warnings,
            List<ModelCard.ReliabilityBand> reliability,
            LiveAccuracy.Live live) {}

    /** @param name signal key; @param importance its share of the forest's Gini importance */
    record FeatureWeight(String name, Double importance) {}

    /**
     * @param customersScored customers scored since start
     * @param perSegment      of those, per segment
     * @param scoreDistribution customers per ten-point score bin
     * @param startedAt       start instant
     * @param uptimeSeconds   seconds since start
     */
    record ServiceStats(
            long customersScored,
            Map<String, Long> perSegment,
            List<ScoreBin> scoreDistribution,
            String startedAt,
            long uptimeSeconds) {}

    /** @param range e.g. {@code 70-79}; @param count customers scored in it */
    record ScoreBin(String range, long count) {}
}
