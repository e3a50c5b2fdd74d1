package com.smoft.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenAPI document a running service serves, as a judge of its answers: whether an answer's status is documented
 * for its operation, its media type too, and its JSON body valid against the documented schema, by networknt's JSON
 * Schema validator (2020-12, the dialect OpenAPI 3.1 writes schemas in), a library nobody here wrote. Test classes
 * that produce answers on a set-up of their own (a model store, full batch places) check them with it too.
 */
public final class OpenApiDocument {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final JsonNode document;

    private OpenApiDocument(JsonNode document) {
        this.document = document;
    }

    /** The document the service serves at {@code /v3/api-docs}. */
    public static OpenApiDocument servedBy(LocalService service) {
        try {
            return new OpenApiDocument(JSON.readTree(service.get("/v3/api-docs").body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every operation of the document, as {@code "POST /api/score"}, with the statuses it documents. */
    public Map<String, Set<String>> operations() {
        Map<String, Set<String>> operations = new LinkedHashMap<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(operation -> operations.put(
                                operation.getKey().toUpperCase() + " " + path.getKey(),
                                new TreeSet<>(names(operation.getValue().path("responses"))))));
        return operations;
    }

    /** What the document does not say of an answer over HTTP; empty when it describes it. */
    public List<String> mismatches(String method, String template, HttpResponse<String> answer) {
        return mismatches(
                method,
                template,
                answer.statusCode(),
                answer.headers().firstValue("Content-Type").orElse(""),
                answer.body());
    }

    /** What the document does not say of an answer read from a socket; empty when it describes it. */
    public List<String> mismatches(String method, String template, RawHttp.Answer answer) {
        String contentType = answer.header("Content-Type");
        return mismatches(method, template, answer.status(), contentType == null ? "" : contentType, answer.body());
    }

    /**
     * What the document does not say of an answer: its status must be documented for the operation, its media type
     * documented for that status, and a JSON body valid against that media type's schema.
     */
    public List<String> mismatches(String method, String template, int status, String contentType, String body) {
        String what = method + " " + template + " -> " + status;
        JsonNode operation = operation(method, template);
        if (operation.isMissingNode()) {
            return List.of(what + ": no such operation in the document");
        }
        JsonNode response = operation.path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            return List.of(what + ": status not documented");
        }
        String mediaType = mediaType(contentType);
        if (mediaType.isEmpty() && body.isEmpty()) {
            return response.path("content").isMissingNode() ? List.of() : List.of(what + ": no body, no media type");
        }
        JsonNode content = response.path("content").path(mediaType);
        if (content.isMissingNode()) {
            return List.of(what + ": media type " + mediaType + " not documented");
        }
        if (!mediaType.endsWith("json")) {
            return List.of();
        }
        if (content.path("schema").isMissingNode()) {
            return List.of(what + ": no schema for " + mediaType);
        }
        return validate(what, content.path("schema"), body);
    }

    /**
     * What the operation's request schema for this media type refuses of a request body; empty when it accepts it.
     * Non-JSON bodies are not judged.
     */
    public List<String> requestMismatches(String method, String template, String contentType, String body) {
        String what = method + " " + template + " request";
        JsonNode content =
                operation(method, template).path("requestBody").path("content").path(mediaType(contentType));
        if (content.isMissingNode()) {
            return List.of(what + ": media type " + mediaType(contentType) + " not documented");
        }
        return mediaType(contentType).endsWith("json") ? validate(what, content.path("schema"), body) : List.of();
    }

    private JsonNode operation(String method, String template) {
        return document.path("paths").path(template).path(method.toLowerCase());
    }

    private List<String> validate(String what, JsonNode schema, String body) {
        ObjectNode root = schema.deepCopy();
        root.set("components", document.path("components"));
        try {
            Set<ValidationMessage> errors = SCHEMAS.getSchema(root).validate(JSON.readTree(body));
            return errors.isEmpty() ? List.of() : List.of(what + ": " + errors);
        } catch (IOException notJson) {
            return List.of(what + ": not JSON: " + body);
        }
    }

    private static String mediaType(String contentType) {
        return contentType.split(";")[0].strip();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
