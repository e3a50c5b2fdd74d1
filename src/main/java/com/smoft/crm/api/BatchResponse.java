package com.smoft.crm.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.smoft.crm.scoring.LeadScore;
import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.ScoredRow;
import com.smoft.crm.scoring.Segment;
import com.smoft.crm.scoring.SegmentCounts;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The answer for a batch.
 *
 * @param results      one answer per customer, in input order or by descending score with {@code ?sort=score}
 * @param count        number of customers scored
 * @param summary      customers per segment: {@code {"Hot": n, "Warm": n, "Cold": n}}
 * @param statistics   the original product's summary block, kept for its clients
 * @param modelVersion the model that scored the whole batch
 * @param rejected      with {@code ?invalid=skip}: the first 1 000 customers left out, by index (JSON) or line (CSV), with their bad fields
 * @param rejectedCount with {@code ?invalid=skip}: how many customers were left out
 */
@Schema(example = """
        {"results": [
          {"customer_id": 1, "score": 89, "segment": "Hot",
           "recommendation": "🔥 Priorité HAUTE - Contacter immédiatement ! Fort potentiel de conversion.", "priority": "HIGH",
           "probability": 0.8944, "next_action": {"action": "CALL", "channel": "phone", "within_hours": 24,
           "text": "Appeler aujourd'hui : client engagé, prêt à acheter."}},
          {"customer_id": 2, "score": 1, "segment": "Cold",
           "recommendation": "❄️ Priorité BASSE - Relance automatique par email. Nourrir le lead.", "priority": "LOW",
           "probability": 0.0092, "next_action": {"action": "NURTURE", "channel": "email", "within_hours": 168,
           "text": "Inscrire dans la séquence automatique de nurturing par email."}}],
         "count": 2, "summary": {"Hot": 1, "Warm": 0, "Cold": 1},
         "statistics": {"total_clients": 2, "hot_leads": 1, "warm_leads": 0, "cold_leads": 1, "average_score": 45.0},
         "model_version": "62eec879..."}""")
record BatchResponse(
        @ArraySchema(
                schema =
                        @Schema(
                                description = "a customer's score: full, or with ?view=compact only customer_id,"
                                        + " score, segment and probability",
                                anyOf = {ScoreResponse.class, ScoreResponse.Compact.class}))
        List<?> results,

        int count,
        Map<String, Integer> summary,
        Statistics statistics,
        String modelVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<?> rejected,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer rejectedCount) {

    /** The same answer with the rows a batch read with {@code ?invalid=skip} left out; unchanged when none could be. */
    BatchResponse withRejected(List<?> rows, int total) {
        return rows == null ? this : new BatchResponse(results, count, summary, statistics, modelVersion, rows, total);
    }

    /** Accepted values of {@code ?view=}. */
    enum View {
        /** Every field of a single score but the model version, which the envelope gives once. */
        full,
        /** {@code customer_id, score, segment, probability} only. */
        compact
    }

    /**
     * The answer for a scored batch. Without reasons, each customer's answer is built only when the JSON
     * writer reaches it and dropped once written, so the whole list never sits in memory.
     *
     * @param order   the order to list customers in, or {@code null} for input order
     * @param explain whether to add reasons; those are computed up front, in parallel (never for the compact view)
     * @param view    full or compact results
     */
    static BatchResponse of(LeadScorer.ScoredBatch scored, int[] order, Locale locale, boolean explain, View view) {
        int size = scored.size();
        SegmentCounts counts = scored.segmentCounts();
        Map<String, Integer> summary = new LinkedHashMap<>();
        counts.byLabel().forEach((segment, count) -> summary.put(segment, Math.toIntExact(count)));
        long scoreSum = 0;
        for (int i = 0; i < size; i++) {
            scoreSum += scored.score(i);
        }
        double average = size == 0 ? 0 : Math.round(100.0 * scoreSum / size) / 100.0;
        var statistics = new Statistics(
                size,
                Math.toIntExact(counts.of(Segment.HOT)),
                Math.toIntExact(counts.of(Segment.WARM)),
                Math.toIntExact(counts.of(Segment.COLD)),
                average);

        boolean compact = view == View.compact;
        LeadScore[] explained = explain && !compact ? new LeadScore[size] : null;
        if (explained != null) {
            IntStream.range(0, size).parallel().forEach(i -> explained[i] = scored.lead(i, locale, true));
        }
        List<Object> results = new AbstractList<>() {
            @Override
            public Object get(int position) {
                if (position % BatchReader.YIELD_EVERY == BatchReader.YIELD_EVERY - 1) {
                    // As when reading: writing a big batch must not hold a carrier thread from start to end.
                    Thread.yield();
                }
                int index = order == null ? position : order[position];
                if (compact) {
                    return new ScoreResponse.Compact(
                            scored.customerId(index).value(),
                            scored.score(index),
                            scored.segment(index).label(),
                            ScoredRow.probability(scored.probability(index)));
                }
                return ScoreResponse.inBatch(explained != null ? explained[index] : scored.lead(index, locale, false));
            }

            @Override
            public int size() {
                return size;
            }
        };
        return new BatchResponse(results, size, summary, statistics, scored.modelVersion(), null, null);
    }

    /**
     * The original's batch statistics.
     *
     * @param totalClients customers scored
     * @param hotLeads     Hot customers
     * @param warmLeads    Warm customers
     * @param coldLeads    Cold customers
     * @param averageScore mean score, two decimals
     */
    record Statistics(int totalClients, int hotLeads, int warmLeads, int coldLeads, double averageScore) {}
}
