package com.smoft.crm.api;

import com.smoft.crm.scoring.LoadedModel;
import com.smoft.crm.scoring.ModelLoadException;
import com.smoft.crm.scoring.ModelRegistry;
import com.smoft.crm.scoring.ModelStore;
import com.smoft.crm.system.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Model changes without downtime: reload, promote a version of the store, roll back; each verified before it serves. */
@RestController
@Tag(name = "Administration")
class AdminController {

    private static final Logger log = LoggerFactory.getLogger(AdminController.class);

    private static final String REFUSED_DOC =
            "The version failed its checks (a damaged or changed file, a card that does not match it, the probe set); "
                    + "the serving model keeps serving";

    private final ModelRegistry registry;
    private final MessageSource messages;

    AdminController(ModelRegistry registry, MessageSource messages) {
        this.registry = registry;
        this.messages = messages;
    }

    /**
     * @param modelVersion    the version now serving
     * @param previousVersion the version it replaced
     * @param trainedAt       when the new model was trained
     */
    record Reloaded(String modelVersion, String previousVersion, String trainedAt) {}

    @PostMapping(path = "/api/admin/model/reload", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Reload the model",
            description =
                    "Loads again the version the model store's pointer names (or crm.model.path, serving a single "
                            + "file), checks it (it deserialises through the allow-list, its card matches "
                            + "its sha256, it scores a probe set), then swaps it in atomically: requests in flight finish on the old "
                            + "model, every answer names the version that produced it. A bad file is refused (422) and the old "
                            + "model keeps serving. Needs a key of crm.security.admin-api-keys; closed (403) when none is configured.")
    @ApiResponse(
            responseCode = "200",
            description = "The new model serves",
            content =
                    @Content(schema = @Schema(implementation = Reloaded.class), examples = @ExampleObject(value = """
            {"model_version": "62eec8799eaa19aa98259a402a8b5b63bd33a8649a1f3e303c92660ed632cb5d",
             "previous_version": "dd8564a1ba7a7b95fc3dfd24500cd937cff0254fd6c74c898c9b32b06cd56a27",
             "trained_at": "2026-11-25T12:34:12.480Z"}""")))
    @ApiResponse(
            responseCode = "422",
            description = "The file was refused; the old model keeps serving",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, examples = @ExampleObject(value = """
                    {"type": "about:blank", "title": "Model refused", "status": 422,
                     "detail": "The model file was refused: the model does not match its card: the file was changed or only partly copied. The model 62eec879... keeps serving.",
                     "instance": "/api/admin/model/reload"}""")))
    @ApiDocs.AdminOnly
    Reloaded reload() {
        String previous = registry.current().version();
        LoadedModel fresh = registry.reload();
        log.info("Model reloaded: {} replaces {}", fresh.version(), previous);
        return new Reloaded(fresh.version(), previous, fresh.card().trainedAt());
    }

    @PostMapping(path = "/api/admin/models/{version}/promote", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Serve a version of the store",
            description =
                    "Serves any version GET /api/models lists (the full version or its first 8 characters or more), once "
                            + "it has passed the same checks as a reload; the store's pointer changes too, so other instances "
                            + "watching the store follow. 404 for an unknown version, 409 when a single file is served.")
    @ApiResponse(responseCode = "200", description = "The version serves")
    @ApiResponse(
            responseCode = "404",
            description = "No such version",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @ApiResponse(
            responseCode = "409",
            description = "A single file is served: no store",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @ApiResponse(responseCode = "422", description = REFUSED_DOC, content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @ApiDocs.AdminOnly
    Reloaded promote(@PathVariable String version) throws IOException {
        String previous = registry.current().version();
        LoadedModel promoted = registry.promote(version);
        log.info("Model promoted: {} replaces {}", promoted.version(), previous);
        return new Reloaded(promoted.version(), previous, promoted.card().trainedAt());
    }

    @PostMapping(path = "/api/admin/models/rollback", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Serve again the version served before",
            description =
                    "Returns to the version that served before the current one, verified first. 409 when there is "
                            + "none left in the store, or a single file is served.")
    @ApiResponse(responseCode = "200", description = "The previous version serves again")
    @ApiResponse(
            responseCode = "409",
            description = "Nothing to return to",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @ApiResponse(responseCode = "422", description = REFUSED_DOC, content = @Content(mediaType = ApiDocs.PROBLEM_JSON))
    @ApiDocs.AdminOnly
    Reloaded rollback() throws IOException {
        String previous = registry.current().version();
        LoadedModel restored = registry.rollback();
        log.info("Model rolled back: {} replaces {}", restored.version(), previous);
        return new Reloaded(restored.version(), previous, restored.card().trainedAt());
    }

    @ExceptionHandler(ModelStore.UnknownVersionException.class)
    ResponseEntity<ProblemDetail> unknown(ModelStore.UnknownVersionException e, Locale locale) {
        return answer(
                new ProblemException(HttpStatus.NOT_FOUND, "unknown-version", "unknown-version", e.reason()), locale);
    }

    @ExceptionHandler(IOException.class)
    ResponseEntity<ProblemDetail> unwritable(IOException e, Locale locale) {
        log.warn("Model store change refused: {}", e.toString());
        return answer(
                new ProblemException(
                        HttpStatus.CONFLICT,
                        "model-change",
                        "model-change.unwritable",
                        registry.current().version()),
                locale);
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<ProblemDetail> impossible(IllegalStateException e, Locale locale) {
        return answer(
                new ProblemException(
                        HttpStatus.CONFLICT,
                        "model-change",
                        "model-change.impossible",
                        registry.current().version(),
                        e.getMessage()),
                locale);
    }

    @ExceptionHandler(ModelLoadException.class)
    ResponseEntity<ProblemDetail> refused(ModelLoadException e, Locale locale) {
        // The log has the file and the cause; the caller learns what is wrong, not where files live.
        log.warn("Model reload refused, the serving model stays: {}", e.getMessage());
        return answer(
                new ProblemException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "model-refused",
                        "model-refused",
                        registry.current().version(),
                        e.reason()),
                locale);
    }

    /** A refusal of this controller's, its title and detail in the caller's language, as the service's handler answers. */
    private ResponseEntity<ProblemDetail> answer(ProblemException problem, Locale locale) {
        return ResponseEntity.status(problem.getStatusCode()).body(problem.updateAndGetBody(messages, locale));
    }
}
