package com.smoft.crm.api;

import com.smoft.crm.scoring.ModelRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original product's health check, as its clients read it: {@code "healthy"} with the serving model's version.
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
     * @param status       healthy, as the original product said
     * @param modelLoaded  whether a model is serving: always, the service does not run without one
     * @param modelVersion its version
     */
    record Health(String status, boolean modelLoaded, String modelVersion) {}

    @GetMapping("/health")
    @Operation(
            summary = "Is the service up?",
            description = "200 with status healthy and the version of the model serving "
                    + "(the original product's answer, which its web page checks): the service does not start without a model, and "
                    + "a refused reload keeps the one serving. Probes for Kubernetes: /actuator/health/liveness and "
                    + "/actuator/health/readiness.")
    @ApiResponse(
            responseCode = "200",
            description = "A model is serving",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = Health.class),
                            examples = @ExampleObject(value = """
            {"status": "healthy", "model_loaded": true, "model_version": "62eec8799eaa19aa98259a402a8b5b63bd33a8649a1f3e303c92660ed632cb5d"}""")))
    Health health() {
        return new Health("healthy", true, registry.current().version());
    }
}
