package com.smoft.crm.api;

import com.smoft.crm.scoring.LoadedModel;
import com.smoft.crm.scoring.ModelRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original product's health check, as its clients read it: {@code "healthy"} while a model is serving.
 * Kubernetes-style UP/DOWN probes are the actuator's ({@code /actuator/health/liveness}, {@code /readiness}).
 */
@RestController
@Tag(name = "Monitoring")
class HealthController {

    private final ModelRegistry registry;

    HealthController(ModelRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param status       healthy or unhealthy, as the original product said
     * @param modelLoaded  whether a model is serving
     * @param modelVersion its version
     */
    record Health(String status, boolean modelLoaded, String modelVersion) {
    }

    @GetMapping("/health")
    @Operation(summary = "Is the service up?", description = "200 with status healthy while a model is serving (the original "
            + "product's answer, which its web page checks), 503 with status unhealthy otherwise. Probes for Kubernetes: "
            + "/actuator/health/liveness and /actuator/health/readiness.")
    @ApiResponse(responseCode = "200", description = "A model is serving", content = @Content(examples = @ExampleObject(value = """
            {"status": "healthy", "model_loaded": true, "model_version": "62eec8799eaa19aa98259a402a8b5b63bd33a8649a1f3e303c92660ed632cb5d"}""")))
    @ApiResponse(responseCode = "503", description = "No model is serving", content = @Content(examples = @ExampleObject(value = """
            {"status": "unhealthy", "model_loaded": false, "model_version": null}""")))
    ResponseEntity<Health> health() {
        LoadedModel model = registry.current();
        if (model == null) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(new Health("unhealthy", false, null));
        }
        return ResponseEntity.ok(new Health("healthy", true, model.version()));
    }
}
