package com.smoft.crm.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.InputField;
import com.smoft.crm.scoring.ProblemList;
import com.smoft.crm.scoring.RecordProblem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads {@code {"clients": [...], "explain": ...}} as a stream: each customer is bound, validated with the
 * same rules as {@code /api/score}, and kept only as a compact {@link Customer}, so a million customers do
 * not sit in memory as JSON trees or request records. The size limit stops the read as soon as it is passed.
 */
final class BatchReader {

    /** Customers read between two chances for other requests to run. */
    static final int YIELD_EVERY = 1024;

    private final JsonMapper mapper;
    private final ObjectReader customerReader;
    private final int maxSize;
    private final int maxExplained;

    BatchReader(JsonMapper mapper, int maxSize, int maxExplained) {
        this.mapper = mapper;
        // One customer at a time from inside the array: what follows it is the rest of the batch, not trailing garbage.
        this.customerReader =
                mapper.readerFor(CustomerRequest.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.maxSize = maxSize;
        this.maxExplained = maxExplained;
    }

    /**
     * A valid batch: its customers and, when invalid rows are skipped, those left out.
     *
     * @param rejected      the first {@value ProblemList#MAX_LISTED} rows left out, or {@code null} when none may be
     * @param rejectedCount how many rows were left out in all
     * @param leftOut       for a CSV batch, the positions of the data rows left out (a bit each); else {@code null}
     */
    record Batch(List<Customer> customers, boolean explain, List<?> rejected, int rejectedCount, BitSet leftOut) {}

    /**
     * A row left out of a batch read with {@code ?invalid=skip}.
     *
     * @param index      its position in {@code clients}, from 0
     * @param customerId its {@code customer_id} as sent, when there was one
     * @param problems   each bad field and why
     */
    record Rejected(
            int index, Object customerId, @JsonIgnore List<RecordProblem> problems) {

        /** Each bad field and why, as the wire writes it. */
        @JsonProperty("errors")
        List<WireProblems.FieldError> errors() {
            return problems.stream().map(WireProblems.FieldError::of).toList();
        }
    }

    /**
     * Reads and validates a batch.
     *
     * @throws JacksonException       malformed JSON or a value of the wrong type, with its path
     * @throws MalformedBodyException no body, or not the batch's JSON shape
     * @throws BatchTooLargeException more customers than allowed
     * @throws InvalidCustomerException customers that break the rules, each named by index and field
     */
    Batch read(InputStream body) throws IOException {
        return read(body, false);
    }

    /**
     * Reads and validates a batch; with {@code skipInvalid}, rows that break the rules are left out and listed
     * instead of refusing the batch.
     */
    Batch read(InputStream body, boolean skipInvalid) throws IOException {
        try (JsonParser parser = mapper.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new MalformedBodyException("none");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new MalformedBodyException("not-an-object");
            }
            List<Customer> customers = null;
            boolean explain = false;
            ProblemList<RecordProblem> problems = new ProblemList<>();
            ProblemList<Rejected> rejections =
                    skipInvalid ? new ProblemList<>(row -> row.problems().size()) : null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "clients" -> customers = readClients(parser, value, problems, rejections);
                    case "explain" -> explain = readExplain(parser, value);
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new MalformedBodyException("several-values");
            }
            if (customers == null && problems.isEmpty()) {
                problems.add(RecordProblem.missing(-1, "clients"));
            } else if (customers != null
                    && customers.isEmpty()
                    && problems.isEmpty()
                    && (rejections == null || rejections.isEmpty())) {
                problems.add(RecordProblem.noCustomer(-1, "clients", "must hold at least one customer"));
            }
            if (rejections != null && !rejections.isEmpty() && customers.isEmpty()) {
                // Nothing valid to score: a 200 with nothing in it would read as success.
                rejections
                        .listed()
                        .forEach(row -> row.problems()
                                .forEach(problem ->
                                        problems.add(problem.at(row.index(), inBatch(row.index(), problem.field())))));
                problems.countUnlisted(rejections.problems() - rejections.listedProblems());
            }
            if (!problems.isEmpty()) {
                throw new InvalidCustomerException(problems.listed(), problems.total());
            }
            if (explain && customers.size() > maxExplained) {
                throw new BatchTooLargeException(
                        customers.size(), maxExplained, "crm.batch.max-explained, for a batch with explain");
            }
            return rejections == null
                    ? new Batch(customers, explain, null, 0, null)
                    : new Batch(customers, explain, rejections.listed(), rejections.total(), null);
        }
    }

    /** A field of the customer at {@code index} as a batch refused whole names it: {@code clients[3].emails_sent}. */
    private static String inBatch(int index, String field) {
        return "clients[" + index + "]" + (field.isEmpty() ? "" : "." + field);
    }

    private List<Customer> readClients(
            JsonParser parser, JsonToken value, ProblemList<RecordProblem> problems, ProblemList<Rejected> rejections) {
        if (value == JsonToken.VALUE_NULL) {
            problems.add(RecordProblem.missing(-1, "clients"));
            return null;
        }
        if (value != JsonToken.START_ARRAY) {
            throw new MalformedBodyException("clients");
        }
        List<Customer> customers = new ArrayList<>();
        int index = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken(), index++) {
            if (index >= maxSize) {
                throw new BatchTooLargeException(maxSize, "crm.batch.max-size");
            }
            if (index % YIELD_EVERY == YIELD_EVERY - 1) {
                // Requests run on virtual threads, which are never preempted: let probes and single scores
                // waiting for a carrier thread run between stretches of a big batch.
                Thread.yield();
            }
            if (rejections != null) {
                readOrReject(parser, token, index, customers, rejections);
                continue;
            }
            if (token == JsonToken.VALUE_NULL) {
                problems.add(RecordProblem.notACustomer(index, inBatch(index, ""), true));
                continue;
            }
            CustomerRequest row;
            try {
                row = customerReader.readValue(parser);
            } catch (JacksonException e) {
                throw e.prependPath(customers, index).prependPath(this, "clients");
            }
            List<RecordProblem> rowProblems = row.problems();
            if (rowProblems.isEmpty()) {
                customers.add(row.toCustomer());
            } else {
                for (RecordProblem problem : rowProblems) {
                    problems.add(problem.at(index, inBatch(index, problem.field())));
                }
            }
        }
        return customers;
    }

    /** One row of a batch that skips invalid rows: read as a tree first, so that a row of the wrong shape is left out whole. */
    private void readOrReject(
            JsonParser parser, JsonToken token, int index, List<Customer> customers, ProblemList<Rejected> rejections) {
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            rejections.add(new Rejected(index, null, List.of(RecordProblem.notACustomer(index, "", false))));
            return;
        }
        ObjectNode tree = knownFieldsOf(parser);
        JsonNode id = tree.get("customer_id");
        Object customerId = id == null || !(id.isNumber() || id.isString())
                ? null
                : id.isNumber() ? id.numberValue() : InputField.excerpt(id.asString());
        CustomerRequest row;
        try {
            row = customerReader.readValue(tree);
        } catch (JacksonException e) {
            List<RecordProblem> problems = everyProblemOf(tree);
            rejections.add(new Rejected(
                    index, customerId, problems.isEmpty() ? List.of(ApiExceptionHandler.problemOf(e)) : problems));
            return;
        }
        List<RecordProblem> rowProblems = row.problems();
        if (rowProblems.isEmpty()) {
            customers.add(row.toCustomer());
        } else {
            rejections.add(new Rejected(index, customerId, rowProblems));
        }
    }

    /**
     * A row's eight fields as a tree, the parser left after the row: other fields are skipped unread, and a field
     * holding an object or an array keeps an empty one (a wrong type all the same), so that a row costs memory for its
     * eight values whatever else it holds.
     */
    private ObjectNode knownFieldsOf(JsonParser parser) {
        ObjectNode row = mapper.createObjectNode();
        for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!InputField.KEYS.contains(name)) {
                parser.skipChildren();
            } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                parser.skipChildren();
                row.set(name, value == JsonToken.START_OBJECT ? mapper.createObjectNode() : mapper.createArrayNode());
            } else {
                row.set(name, parser.readValueAsTree());
            }
        }
        return row;
    }

    /**
     * Every problem of a row that did not bind, not only the first: each value of the wrong type, found by binding
     * it alone, then the rules broken by the others.
     */
    private List<RecordProblem> everyProblemOf(ObjectNode row) {
        List<RecordProblem> problems = new ArrayList<>();
        ObjectNode wellTyped = row.deepCopy();
        for (Map.Entry<String, JsonNode> property : row.properties()) {
            if (!InputField.KEYS.contains(property.getKey())) {
                // Unknown fields are ignored: binding each alone would only cost time.
                continue;
            }
            try {
                customerReader.readValue(mapper.createObjectNode().set(property.getKey(), property.getValue()));
            } catch (JacksonException e) {
                problems.add(ApiExceptionHandler.problemOf(e));
                wellTyped.remove(property.getKey());
            }
        }
        try {
            customerReader.<CustomerRequest>readValue(wellTyped).problems().stream()
                    .filter(problem -> wellTyped.has(problem.field()) || !row.has(problem.field()))
                    .forEach(problems::add);
        } catch (JacksonException e) {
            // Only a combination of values fails: the first error, from the caller, says which.
            return List.of();
        }
        return problems;
    }

    private static boolean readExplain(JsonParser parser, JsonToken value) {
        return switch (value) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE, VALUE_NULL -> false;
            default -> throw new MalformedBodyException("explain");
        };
    }
}
