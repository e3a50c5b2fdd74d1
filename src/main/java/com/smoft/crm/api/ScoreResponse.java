package com.smoft.crm.api;

import com.smoft.crm.scoring.LeadScore;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer for one customer. The first four fields are the original product's contract.
 *
 * @param customerId     the caller's identifier
 * @param score          round(100 x calibrated conversion probability)
 * @param segment        Hot (score >= 70), Warm (40-69) or Cold (< 40)
 * @param recommendation what to do, French by default, English with Accept-Language: en
 * @param priority       HIGH, MEDIUM or LOW
 * @param probability    the calibrated conversion probability behind the score
 * @param modelVersion   sha256 of the model file that scored
 */
@Schema(example = """
        {"customer_id": 1, "score": 85, "segment": "Hot",
         "recommendation": "🔥 Priorité HAUTE - Contacter immédiatement! Fort potentiel de conversion.",
         "priority": "HIGH", "probability": 0.8512, "model_version": "4c4a2715..."}""")
record ScoreResponse(long customerId, int score, String segment, String recommendation, String priority,
                     double probability, String modelVersion) {

    static ScoreResponse of(LeadScore lead) {
        return new ScoreResponse(lead.customerId(), lead.score(), lead.segment().label(), lead.recommendation(),
                lead.segment().priority(), Math.round(lead.probability() * 10_000) / 10_000.0, lead.modelVersion());
    }
}
