package com.smoft.crm.system;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.smoft.crm.scoring.InputField;
import com.smoft.crm.scoring.Segment;
import com.smoft.crm.scoring.SegmentThresholds;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The OpenAPI document as the wire is: Swagger's schema reader has a Jackson mapper of its own, which does
 * not know the service writes snake_case, so it is given one that does; "Try it out" then sends bodies the
 * API accepts. And a title, description and version that are the project's, and the limits and thresholds the
 * service applies, read from their owners rather than written again.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    /**
     * The customer's schema says what {@link InputField}, the one declaration of the input contract, accepts; the
     * answer's echoed id says it too.
     */
    @Bean
    OpenApiCustomizer inputContract() {
        return openApi -> {
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            Schema<?> customer = schemas.get("CustomerRequest");
            if (customer != null) {
                customer.setRequired(InputField.KEYS);
                for (InputField field : InputField.values()) {
                    Schema<?> property = customer.getProperties().get(field.key());
                    switch (field.kind()) {
                        case COUNT -> property.minimum(field.minimum()).type("integer");
                        case AMOUNT -> property.minimum(field.minimum()).maximum(field.maximum());
                        case ID ->
                            property.description(InputField.ID_RULE
                                    + ", such as a CRM record id (\"00Q5e00000AbCdE\", \"CUST-001\")");
                    }
                }
            }
            Schema<?> answer = schemas.get("ScoreResponse");
            if (answer != null) {
                answer.getProperties().get(InputField.CUSTOMER_ID.key()).description("as sent: " + InputField.ID_RULE);
            }
        };
    }

    /** The document's title, version and description, with the segment thresholds in force. */
    @Bean
    OpenAPI openApi(ObjectProvider<BuildProperties> build, CrmProperties properties) {
        BuildProperties project = build.getIfAvailable();
        SegmentThresholds thresholds = properties.segments().thresholds();
        return new OpenAPI()
                .info(new Info()
                        .title("SMOFT CRM Intelligent")
                        .version(project == null ? "development" : project.getVersion())
                        .description(
                                "Lead scoring for sales teams: who do I call first? Give a customer's behaviour, get a score "
                                        + "from 0 to 100 (the calibrated conversion probability in percent), a segment (Hot "
                                        + thresholds.rangeOf(Segment.HOT) + ", Warm " + thresholds.rangeOf(Segment.WARM)
                                        + ", Cold "
                                        + thresholds.rangeOf(Segment.COLD)
                                        + "), a recommendation in French (English with "
                                        + "Accept-Language: en), a next action and, on request, the reasons. JSON fields are snake_case.")
                        .license(new License().name("Proprietary").url("https://smoft-crm.example/license")));
    }

    /**
     * Who may call each operation, as {@link SecurityConfiguration} decides it: the key header as two schemes (a
     * scoring key, an admin key, which also scores), administration with an admin key, the rest of the API with
     * either, and every other operation (the contract, health, the docs) open. With keys set, Swagger UI's
     * Authorize then sends the key with "Try it out".
     */
    @Bean
    OpenApiCustomizer callers() {
        return openApi -> {
            openApi.getComponents()
                    .addSecuritySchemes(
                            SCORING_KEY, key("A scoring key (crm.security.api-keys); an admin key also scores."))
                    .addSecuritySchemes(ADMIN_KEY, key("An admin key (crm.security.admin-api-keys)."));
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperationsMap()
                            .forEach((method, operation) -> operation.setSecurity(callersOf(path, method))));
        };
    }

    private static final PathPattern ADMIN = PathPatternParser.defaultInstance.parse(SecurityConfiguration.ADMIN_PATHS);
    private static final PathPattern API = PathPatternParser.defaultInstance.parse(SecurityConfiguration.API_PATHS);
    private static final List<PathPattern> ERASE = SecurityConfiguration.ERASE_PATHS.stream()
            .map(PathPatternParser.defaultInstance::parse)
            .toList();

    /** The keys that may call an operation of the document: none for an open one. */
    private static List<SecurityRequirement> callersOf(String path, PathItem.HttpMethod method) {
        PathContainer container = PathContainer.parsePath(path);
        return ADMIN.matches(container)
                        || (method == PathItem.HttpMethod.DELETE
                                && ERASE.stream().anyMatch(pattern -> pattern.matches(container)))
                        || (method == PathItem.HttpMethod.POST && path.equals(SecurityConfiguration.OUTCOMES_PATH))
                ? List.of(new SecurityRequirement().addList(ADMIN_KEY))
                : API.matches(container) && !SecurityConfiguration.OPEN_API_PATHS.contains(path)
                        ? List.of(
                                new SecurityRequirement().addList(SCORING_KEY),
                                new SecurityRequirement().addList(ADMIN_KEY))
                        : List.of();
    }

    private static final String SCORING_KEY = "scoring_key";
    private static final String ADMIN_KEY = "admin_key";

    private static SecurityScheme key(String description) {
        return new SecurityScheme()
                .type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER)
                .name("X-API-Key")
                .description(description);
    }

    /**
     * Every problem+json answer's schema, declared once: RFC 9457's members, then what the service adds (the
     * {@code errors} of a refused input, the {@code code} and {@code params} of a refused file or batch).
     */
    @Bean
    OpenApiCustomizer problems() {
        return openApi -> {
            Schema<?> error = new ObjectSchema()
                    .addProperty(
                            "field", new StringSchema().description("the JSON field, such as clients[3].emails_sent"))
                    .addProperty("line", new IntegerSchema().description("the CSV line, the header being line 1"))
                    .addProperty("column", new StringSchema().description("the CSV column, as its header names it"))
                    .addProperty("value", new StringSchema().description("the CSV value, cut to 200 characters"))
                    .addProperty("message", new StringSchema().description("why, in English"))
                    .addProperty(
                            "code", new StringSchema().description("what is wrong, stable: GET /api/contract/reasons"))
                    .addProperty("params", new ObjectSchema().description("the code's parameters"));
            Schema<?> problem = new ObjectSchema()
                    .addProperty("type", new StringSchema())
                    .addProperty("title", new StringSchema())
                    .addProperty("status", new IntegerSchema())
                    .addProperty("detail", new StringSchema())
                    .addProperty("instance", new StringSchema())
                    .addProperty("errors", new ArraySchema().items(error))
                    .addProperty(
                            "total_errors", new IntegerSchema().description("every error, when errors lists the first"))
                    .addProperty("code", new StringSchema().description("what is wrong with a whole file or batch"))
                    .addProperty("params", new ObjectSchema().description("the code's parameters"));
            problem.setRequired(List.of("type", "title", "status"));
            openApi.getComponents().addSchemas(PROBLEM, problem);
            openApi.getPaths()
                    .values()
                    .forEach(item -> item.readOperations()
                            .forEach(operation -> operation
                                    .getResponses()
                                    .values()
                                    .forEach(response -> {
                                        if (response.getContent() != null
                                                && response.getContent().get("application/problem+json") != null
                                                && response.getContent()
                                                                .get("application/problem+json")
                                                                .getSchema()
                                                        == null) {
                                            response.getContent()
                                                    .get("application/problem+json")
                                                    .setSchema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
                                        }
                                    })));
        };
    }

    private static final String PROBLEM = "Problem";

    /**
     * Fields the service answers null: the drift index while too few customers were scored to compute it; what a model
     * version's card says (its holdout figures included) when its file cannot be read, and why not when it can; the
     * promotion decision of a version added otherwise than by training (a single file served), and the serving model's
     * figures in a decision taken when none served; the day a Hot customer would fall below Hot, and to what, when
     * he would still be Hot after a year; a lead's first change of segment, from none; the cursor of a list's last
     * page; a version's live accuracy without a memory, a live figure its outcomes cannot give, an outcome's score when
     * none was matched. And the component schemas that hold properties say they are
     * objects, which springdoc leaves out: without it a validator takes {@code null} or a number for any of them.
     */
    @Bean
    OpenApiCustomizer nullableFields() {
        Map<String, List<String>> nullable = Map.ofEntries(
                Map.entry("Drift", List.of("psi")),
                Map.entry(
                        "ModelView",
                        List.of(
                                "trained_at",
                                "data_source",
                                "rows",
                                "converted",
                                "holdout",
                                "promotion",
                                "problem",
                                "live")),
                Map.entry("ModelStats", List.of("live")),
                Map.entry("Figure", List.of("live", "holdout")),
                Map.entry("Band", List.of("live", "holdout")),
                Map.entry("RecordedOutcome", List.of("matched")),
                Map.entry("RejectedOutcome", List.of("customer_id")),
                Map.entry("OutcomeRequest", List.of("at")),
                Map.entry("Decision", List.of("serving")),
                Map.entry("SegmentChange", List.of("from", "score_before")),
                Map.entry("ChangesPage", List.of("next_cursor")),
                Map.entry("LeadsPage", List.of("next_cursor")),
                Map.entry("AtRiskBody", List.of("days", "segment")),
                Map.entry("EventsStatus", List.of("mean_latency_ms", "max_latency_ms")),
                Map.entry("DeliveriesPage", List.of("next_cursor")),
                Map.entry("Delivery", List.of("next_attempt_at", "last_status", "last_error", "delivered_at")),
                Map.entry("PingResult", List.of("status", "error")));
        return openApi -> {
            openApi.getComponents().getSchemas().values().forEach(schema -> {
                // springdoc may set the 3.0 type, which a 3.1 document does not write: the 3.1 types are set.
                if (schema.getProperties() != null
                        && (schema.getTypes() == null || schema.getTypes().isEmpty())) {
                    schema.addType("object");
                }
            });
            nullable.forEach((schemaName, fields) -> {
                Schema<?> schema = openApi.getComponents().getSchemas().get(schemaName);
                if (schema != null) {
                    for (String field : fields) {
                        Schema<?> property = schema.getProperties().get(field);
                        if (property != null && property.get$ref() != null) {
                            schema.getProperties()
                                    .put(
                                            field,
                                            new Schema<>()
                                                    .anyOf(List.of(
                                                            new Schema<>().$ref(property.get$ref()), nullType())));
                        } else if (property != null && property.getType() != null) {
                            property.setTypes(new LinkedHashSet<>(List.of(property.getType(), "null")));
                        }
                    }
                }
            });
        };
    }

    private static Schema<?> nullType() {
        Schema<?> schema = new Schema<>();
        schema.addType("null");
        return schema;
    }

    /**
     * With {@code ?invalid=skip}, an item of a JSON batch's {@code clients} may be anything (a customer with a wrong,
     * missing or out-of-range field, {@code null}, a number): it is left out of the scores and listed in
     * {@code rejected}. The request schema says so, for validators: an item is a customer or, in that mode, any
     * value.
     */
    @Bean
    OpenApiCustomizer skippedRows() {
        return openApi -> {
            Schema<?> batch = openApi.getComponents().getSchemas().get("BatchRequest");
            if (batch != null && batch.getProperties().get("clients") != null) {
                Schema<?> clients = batch.getProperties().get("clients");
                clients.setItems(new Schema<>()
                        .anyOf(List.of(
                                clients.getItems(),
                                new Schema<>()
                                        .description("Only with ?invalid=skip: any other value (a customer with a "
                                                + "wrong, missing or out-of-range field, null, a number) is left out "
                                                + "of the scores and listed in rejected. Without it, the batch is "
                                                + "refused whole (422)."))));
            }
        };
    }

    /**
     * The refusals every operation may meet whatever its controller says, documented once here where the controller's
     * annotations do not already: 406 when Accept names nothing it answers; with keys, 401 without a valid key and
     * 403 with a key of another kind (a metrics key on the API, a scoring key on administration); for an operation
     * that reads a body, 415 for a media type it does not take, and the body limits of {@code RequestBodyLimitFilter}:
     * 413 beyond crm.limits.max-request-size, 408 past crm.limits.body-timeout or under crm.limits.min-body-rate, 503
     * beyond crm.limits.max-concurrent-bodies bodies at once.
     */
    @Bean
    OpenApiCustomizer commonRefusals() {
        return openApi -> openApi.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    ApiResponses responses = operation.getResponses();
                    refusal(responses, "406", "Accept names no media type this operation answers in");
                    if (!callersOf(path, method).isEmpty()) {
                        refusal(responses, "401", "Keys are configured and X-API-Key is missing or wrong");
                        refusal(
                                responses,
                                "403",
                                "The key is of another kind: a metrics key on the API, a scoring key on administration");
                    }
                    if (operation.getRequestBody() != null) {
                        refusal(responses, "415", "The body is sent in a media type this operation does not read");
                        refusal(responses, "413", "The body is larger than crm.limits.max-request-size");
                        refusal(
                                responses,
                                "408",
                                "The body did not arrive within crm.limits.body-timeout, or arrived slower than "
                                        + "crm.limits.min-body-rate");
                        refusal(
                                responses,
                                "503",
                                "Already reading crm.limits.max-concurrent-bodies bodies; retry after the Retry-After "
                                        + "seconds");
                    }
                }));
    }

    private static void refusal(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(
                    status,
                    new ApiResponse()
                            .description(description)
                            .content(new Content()
                                    .addMediaType(
                                            "application/problem+json",
                                            new MediaType()
                                                    .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
    }
}
