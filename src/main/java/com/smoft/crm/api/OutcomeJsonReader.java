package com.smoft.crm.api;

import com.smoft.crm.csv.OutcomeCsvReader;
import com.smoft.crm.scoring.CustomerId;
import com.smoft.crm.scoring.InputField;
import com.smoft.crm.scoring.Outcome;
import com.smoft.crm.scoring.PostedOutcome;
import com.smoft.crm.scoring.ProblemList;
import com.smoft.crm.scoring.RecordProblem;
import com.smoft.crm.scoring.WrittenTime;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code [{"customer_id": ..., "outcome": "converted", "at": "2026-12-03"}, ...]} as a stream, one outcome at a
 * time, each checked and kept only as a {@link PostedOutcome}: a list of a million outcomes does not sit in memory as
 * JSON. Fields other than the three are skipped unread; a bad one is named by its index and field.
 */
final class OutcomeJsonReader {

    private static final String CUSTOMER_ID = InputField.CUSTOMER_ID.key();

    private final JsonMapper mapper;
    private final int maxSize;

    OutcomeJsonReader(JsonMapper mapper, int maxSize) {
        this.mapper = mapper;
        this.maxSize = maxSize;
    }

    /**
     * The outcomes read, and with {@code ?invalid=skip} those left out.
     *
     * @param outcomes the valid outcomes, in order
     * @param rejected the items left out, each with its problems (every problem at its index)
     */
    record Read(List<PostedOutcome> outcomes, ProblemList<Rejected> rejected) {}

    /**
     * An item left out.
     *
     * @param position   its index (JSON) or line (CSV)
     * @param customerId its customer id as sent, when there was one
     * @param problems   each bad field
     */
    record Rejected(long position, String customerId, List<RecordProblem> problems) {}

    /**
     * Reads and checks the outcomes.
     *
     * @param now    the time of an outcome that gives none
     * @param latest the latest time accepted
     * @throws MalformedBodyException   no body, or not a JSON list
     * @throws BatchTooLargeException   more outcomes than crm.batch.max-size
     * @throws InvalidCustomerException bad items when they are not skipped, each named {@code [3].outcome}
     */
    Read read(InputStream body, boolean skipInvalid, ZoneId zone, Instant now, Instant latest) throws IOException {
        try (JsonParser parser = mapper.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new MalformedBodyException("none");
            }
            if (first != JsonToken.START_ARRAY) {
                throw new MalformedBodyException("outcomes");
            }
            List<PostedOutcome> outcomes = new ArrayList<>();
            ProblemList<Rejected> rejected =
                    new ProblemList<>(row -> row.problems().size());
            int index = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new MalformedBodyException("outcomes");
                }
                if (index >= maxSize) {
                    throw new BatchTooLargeException(maxSize, "crm.batch.max-size");
                }
                if (index % BatchReader.YIELD_EVERY == BatchReader.YIELD_EVERY - 1) {
                    Thread.yield();
                }
                readItem(parser, token, index, zone, now, latest, outcomes, rejected);
                index++;
            }
            if (parser.nextToken() != null) {
                throw new MalformedBodyException("several-values");
            }
            ProblemList<RecordProblem> problems = new ProblemList<>();
            if (index == 0) {
                problems.add(RecordProblem.noCustomer(-1, "", "must hold at least one outcome"));
            } else if (!rejected.isEmpty() && (!skipInvalid || outcomes.isEmpty())) {
                rejected.listed()
                        .forEach(row -> row.problems()
                                .forEach(problem -> problems.add(problem.at(
                                        row.position(),
                                        "[" + row.position() + "]"
                                                + (problem.field().isEmpty() ? "" : "." + problem.field())))));
                problems.countUnlisted(rejected.problems() - rejected.listedProblems());
            }
            if (!problems.isEmpty()) {
                throw new InvalidCustomerException(problems.listed(), problems.total());
            }
            return new Read(outcomes, rejected);
        }
    }

    private static void readItem(
            JsonParser parser,
            JsonToken token,
            int index,
            ZoneId zone,
            Instant now,
            Instant latest,
            List<PostedOutcome> outcomes,
            ProblemList<Rejected> rejected) {
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            rejected.add(new Rejected(
                    index,
                    null,
                    List.of(new RecordProblem(
                            index,
                            "",
                            "",
                            RecordProblem.Code.WRONG_TYPE,
                            Map.of("expected", "object"),
                            "must be an object: customer_id, outcome and at"))));
            return;
        }
        List<RecordProblem> problems = new ArrayList<>();
        String id = null;
        String outcomeText = null;
        String atText = null;
        boolean idSeen = false;
        boolean outcomeSeen = false;
        for (JsonToken field = parser.nextToken(); field == JsonToken.PROPERTY_NAME; field = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "customer_id" -> {
                    idSeen = value != JsonToken.VALUE_NULL;
                    if (value == JsonToken.VALUE_STRING) {
                        id = parser.getString();
                    } else if (value == JsonToken.VALUE_NUMBER_INT
                            && parser.getString().matches("0|[1-9]\\d{0,17}")) {
                        id = parser.getString();
                    } else if (value != JsonToken.VALUE_NULL) {
                        problems.add(wrongType(index, CUSTOMER_ID, "string"));
                    }
                }
                case OutcomeCsvReader.OUTCOME -> {
                    outcomeSeen = value != JsonToken.VALUE_NULL;
                    if (value == JsonToken.VALUE_STRING) {
                        outcomeText = parser.getString();
                    } else if (value != JsonToken.VALUE_NULL) {
                        problems.add(wrongType(index, OutcomeCsvReader.OUTCOME, "string"));
                    }
                }
                case OutcomeCsvReader.AT -> {
                    if (value == JsonToken.VALUE_STRING) {
                        atText = parser.getString();
                    } else if (value != JsonToken.VALUE_NULL) {
                        problems.add(wrongType(index, OutcomeCsvReader.AT, "string"));
                    }
                }
                default -> {}
            }
            parser.skipChildren();
        }
        if (id != null && !validId(id)) {
            problems.add(RecordProblem.notAnId(index, CUSTOMER_ID, id));
        } else if (id == null && !idSeen) {
            problems.add(RecordProblem.missing(index, CUSTOMER_ID));
        }
        Outcome outcome = null;
        if (outcomeText != null) {
            outcome = Outcome.ofWire(outcomeText);
            if (outcome == null) {
                problems.add(RecordProblem.notOneOf(
                        index,
                        OutcomeCsvReader.OUTCOME,
                        outcomeText,
                        List.of(Outcome.converted.name(), Outcome.lost.name()),
                        "must be converted or lost"));
            }
        } else if (!outcomeSeen) {
            problems.add(RecordProblem.missing(index, OutcomeCsvReader.OUTCOME));
        }
        Instant at = now;
        if (atText != null) {
            WrittenTime written = Outcome.timeOf(atText, zone);
            if (written == null) {
                problems.add(RecordProblem.notATime(index, OutcomeCsvReader.AT, atText));
            } else if (written.start().isAfter(latest)) {
                problems.add(RecordProblem.inTheFuture(index, OutcomeCsvReader.AT, atText, latest.toString()));
            } else {
                at = written.end();
            }
        }
        if (problems.isEmpty()) {
            outcomes.add(new PostedOutcome(index, id, outcome, at));
        } else {
            rejected.add(new Rejected(index, id == null ? null : InputField.excerpt(id), problems));
        }
    }

    private static boolean validId(String id) {
        return id.matches("0|[1-9]\\d{0,17}") || CustomerId.isValidText(id);
    }

    private static RecordProblem wrongType(int index, String field, String expected) {
        return new RecordProblem(
                index, field, "", RecordProblem.Code.WRONG_TYPE, Map.of("expected", expected), "must be a " + expected);
    }
}
