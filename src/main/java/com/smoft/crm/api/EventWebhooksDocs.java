package com.smoft.crm.api;

import com.smoft.crm.events.EventPayloads;
import com.smoft.crm.events.EventType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The events the service sends, as OpenAPI 3.1 {@code webhooks}: one operation per event type, its body the event
 * envelope around that type's payload, with the Standard Webhooks headers. Payload schemas are read from their
 * records, as every other schema of the document.
 */
@Component
class EventWebhooksDocs implements OpenApiCustomizer {

    private static final Map<EventType, Class<?>> PAYLOADS = new LinkedHashMap<>();

    static {
        PAYLOADS.put(EventType.SEGMENT_CHANGED, EventPayloads.SegmentChanged.class);
        PAYLOADS.put(EventType.OUTCOME_RECORDED, EventPayloads.OutcomeRecorded.class);
        PAYLOADS.put(EventType.MODEL_PROMOTED, EventPayloads.ModelPromoted.class);
        PAYLOADS.put(EventType.MODEL_LIVE_STATUS_CHANGED, EventPayloads.LiveStatusChanged.class);
        PAYLOADS.put(EventType.DRIFT_STATUS_CHANGED, EventPayloads.DriftStatusChanged.class);
        PAYLOADS.put(EventType.PING, EventPayloads.Ping.class);
    }

    private static final String HEADERS = "Signed as the Standard Webhooks specification says: `webhook-id` (the "
            + "event's id, the same at every attempt: drop duplicates by it), `webhook-timestamp` (seconds since the "
            + "epoch, of this attempt), `webhook-signature` (`v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`, "
            + "keyed by the bytes of the secret after `whsec_`). Answer 2xx once it is kept; 410 disables the "
            + "subscription; anything else is retried (crm.events.retry-schedule). The same JSON is the value of a "
            + "Kafka record on crm.events.kafka.topic, keyed by customer id (model events by model version).";

    private final ModelConverters converters = new ModelConverters();

    /** Reads the payload records with the document's own resolver: snake_case, as the wire. */
    EventWebhooksDocs(ModelResolver resolver) {
        converters.addConverter(resolver);
    }

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        for (Map.Entry<EventType, Class<?>> entry : PAYLOADS.entrySet()) {
            ResolvedSchema resolved = converters.resolveAsResolvedSchema(new AnnotatedType(entry.getValue()));
            resolved.referencedSchemas.forEach(openApi.getComponents()::addSchemas);
            String name = entry.getValue().getSimpleName();
            openApi.getComponents().addSchemas(name, resolved.schema);
            Schema<?> envelope = new Schema<>()
                    .addProperty("id", new Schema<>().type("string").description("evt_ and 32 hexadecimal digits"))
                    .addProperty(
                            "type",
                            new Schema<>().type("string")._const(entry.getKey().wire()))
                    .addProperty(
                            "time",
                            new Schema<>().type("string").format("date-time").description("When it happened"))
                    .addProperty(
                            "schema_version",
                            new Schema<>().type("integer").description("The version of the payload's schema"))
                    .addProperty("data", new Schema<>().$ref("#/components/schemas/" + name));
            envelope.addType("object");
            envelope.setRequired(List.of("id", "type", "time", "schema_version", "data"));
            // Sent by the service, not called on it: no key of ours, the signature headers instead (an empty
            // security list says so to linters), and an operation id of its own for code generators.
            Operation operation = new Operation()
                    .operationId(operationId(entry.getKey().wire()))
                    .security(List.of())
                    .summary(entry.getKey().wire())
                    .description(HEADERS)
                    .addTagsItem("Events")
                    .requestBody(new RequestBody()
                            .required(true)
                            .content(new Content()
                                    .addMediaType(
                                            org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                                            new MediaType().schema(envelope))))
                    .responses(new ApiResponses()
                            .addApiResponse("2XX", new ApiResponse().description("Kept: delivered"))
                            .addApiResponse(
                                    "410", new ApiResponse().description("Gone: the subscription is disabled")));
            for (String header : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
                operation.addParametersItem(
                        new HeaderParameter().name(header).required(true).schema(new Schema<>().type("string")));
            }
            openApi.addWebhooks(entry.getKey().wire(), new PathItem().post(operation));
        }
    }

    /** {@code lead.segment_changed} as {@code leadSegmentChanged}. */
    private static String operationId(String wire) {
        StringBuilder id = new StringBuilder();
        for (String word : wire.split("[._]")) {
            id.append(id.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return id.toString();
    }
}
