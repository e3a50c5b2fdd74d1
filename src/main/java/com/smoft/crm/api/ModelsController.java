package com.smoft.crm.api;

import com.smoft.crm.outcomes.LiveAccuracy;
import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.LoadedModel;
import com.smoft.crm.scoring.ModelCard;
import com.smoft.crm.scoring.ModelLoadException;
import com.smoft.crm.scoring.ModelRegistry;
import com.smoft.crm.scoring.ModelStore;
import com.smoft.crm.scoring.SegmentThresholds;
import com.smoft.crm.scoring.Texts;
import com.smoft.crm.system.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The versions of the model store, with every number behind their promotion. */
@RestController
@Tag(name = "Models")
class ModelsController {

    private static final Logger log = LoggerFactory.getLogger(ModelsController.class);

    private final ModelRegistry registry;
    private final LeadScorer scorer;
    private final MessageSource messages;

    /** The live accuracy of the models, or {@code null} when crm.memory.enabled is false. */
    private final LiveAccuracy live;

    ModelsController(
            ModelRegistry registry, LeadScorer scorer, MessageSource messages, ObjectProvider<LiveAccuracy> live) {
        this.registry = registry;
        this.scorer = scorer;
        this.messages = messages;
        this.live = live.getIfAvailable();
    }

    /**
     * The store.
     *
     * @param serving    the version serving here
     * @param source     {@code store}, or {@code file} when a single model file is served (crm.model.path)
     * @param thresholds the segment thresholds the Hot figures are computed at
     * @param models     every version, newest first
     */
    record ModelsResponse(String serving, String source, SegmentThresholds thresholds, List<ModelView> models) {}

    /**
     * One version. Of an {@code unreadable} one, only the version, the decision taken when it was trained and why its
     * file cannot be read are known: its card's figures are {@code null}.
     *
     * @param version    sha256 of the model
     * @param status     {@code serving}, {@code candidate} (never served), {@code retired} (served once) or
     *                   {@code unreadable} (its file cannot be read: damaged, foreign, or not a regular file)
     * @param serving    whether it serves here now
     * @param trainedAt  end of its training
     * @param dataSource what it was trained on
     * @param rows       customers it was trained on (before the split)
     * @param converted  of whom converted
     * @param warnings   what training found weak, in words
     * @param holdout    its figures on customers it never saw
     * @param promotion  the decision taken when it was trained, with both models' figures; {@code null} for a model
     *                   added otherwise
     * @param problem    why its file cannot be read, in the language asked (French by default); {@code null} unless it is
     *                   {@code unreadable}
     * @param live       its {@code live_status} (whether it keeps its holdout's promise on the outcomes of the last 90
     *                   days matched with its scores) and its figures on the outcomes of the last 30 and 90 days, each
     *                   beside the holdout's; {@code null} without a memory or for an unreadable version
     */
    record ModelView(
            String version,
            ModelStore.Status status,
            boolean serving,
            String trainedAt,
            String dataSource,
            Integer rows,
            Integer converted,
            List<String> warnings,
            Holdout holdout,
            ModelStore.Decision promotion,
            String problem,
            LiveAccuracy.Live live) {}

    /**
     * Holdout figures; the Hot ones at the thresholds in force.
     *
     * @param customers        holdout customers
     * @param auc              area under the ROC curve
     * @param accuracy         share on the right side of probability 0.5
     * @param brierScore       mean squared error of the probability
     * @param calibrationError expected calibration error over 10 bins
     * @param hotPrecision     share of Hot holdout customers who converted
     * @param hotRecall        share of converted holdout customers who were Hot
     * @param baseRate         share of holdout customers who converted
     */
    record Holdout(
            int customers,
            double auc,
            double accuracy,
            double brierScore,
            double calibrationError,
            double hotPrecision,
            double hotRecall,
            double baseRate) {}

    @GetMapping("/api/models")
    @Operation(
            summary = "The model versions",
            description =
                    "Every version of the model store, newest first: training date, data, rows, holdout figures (AUC, "
                            + "accuracy, Brier score, calibration error, Hot precision and recall at the thresholds in force), status "
                            + "and the promotion decision with both models' figures. Serving a single file (crm.model.path), the list "
                            + "holds that model alone. A version whose file cannot be read (damaged, foreign, or not a regular file) is listed "
                            + "last, with status unreadable and why in problem, in the language of Accept-Language (French by default). "
                            + "Each version's `live`: its `live_status` and its figures on the outcomes of the last 30 and 90 days "
                            + "matched with its scores (POST /api/outcomes), each beside the holdout figure it should match.")
    @ApiResponse(
            responseCode = "200",
            description = "The versions, those whose file cannot be read marked unreadable",
            content = @Content(schema = @Schema(implementation = ModelsResponse.class)))
    @ApiResponse(
            responseCode = "409",
            description = "The model store's pointer (store.json) or its folder of versions cannot be "
                    + "read; the serving model keeps serving",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @ApiDocs.Unauthorized
    ModelsResponse models(Locale locale) {
        LoadedModel serving = registry.current();
        SegmentThresholds thresholds = scorer.thresholds();
        List<ModelView> views = registry.store()
                .map(store -> store.versions().stream()
                        .map(version -> view(version, serving, thresholds, locale))
                        .toList())
                .orElseGet(() -> List.of(view(serving.card(), ModelStore.Status.serving, null, serving, thresholds)));
        return new ModelsResponse(
                serving.version(), registry.store().isPresent() ? "store" : "file", thresholds, views);
    }

    @ExceptionHandler(ModelLoadException.class)
    ResponseEntity<ProblemDetail> unreadableStore(ModelLoadException e, Locale locale) {
        // The log has the file and the cause; the caller learns what is wrong, not where files live.
        log.warn("Model store cannot be listed: {}", e.getMessage());
        ProblemException problem = new ProblemException(
                HttpStatus.CONFLICT,
                "store-unreadable",
                "store-unreadable",
                registry.current().version(),
                e.reason());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem.updateAndGetBody(messages, locale));
    }

    private ModelView view(
            ModelStore.Version version, LoadedModel serving, SegmentThresholds thresholds, Locale locale) {
        if (version.card() == null) {
            return new ModelView(
                    version.version(),
                    version.status(),
                    version.version().equals(serving.version()),
                    null,
                    null,
                    null,
                    null,
                    List.of(),
                    null,
                    version.decision(),
                    messages.getMessage(version.problem().messageKey(), null, Texts.supported(locale)),
                    null);
        }
        return view(version.card(), version.status(), version.decision(), serving, thresholds);
    }

    private ModelView view(
            ModelCard card,
            ModelStore.Status status,
            ModelStore.Decision decision,
            LoadedModel serving,
            SegmentThresholds thresholds) {
        ModelCard.HoldoutMetrics metrics = card.holdout();
        ModelCard.HoldoutScores scores = card.holdoutScores();
        boolean atTrainingThreshold = scores == null || card.thresholds().hot() == thresholds.hot();
        var holdout = new Holdout(
                card.split().holdout(),
                metrics.auc(),
                metrics.accuracy(),
                metrics.brierScore(),
                metrics.calibrationError(),
                atTrainingThreshold ? metrics.hotPrecision() : round(scores.hotPrecision(thresholds)),
                atTrainingThreshold ? metrics.hotRecall() : round(scores.hotRecall(thresholds)),
                metrics.baseRate());
        boolean servingHere = card.version().equals(serving.version());
        return new ModelView(
                card.version(),
                status,
                servingHere,
                card.trainedAt(),
                card.dataSource(),
                card.rowCount(),
                card.convertedCount(),
                card.warnings() == null ? List.of() : card.warnings(),
                holdout,
                decision,
                null,
                live == null ? null : live.of(card, thresholds));
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
