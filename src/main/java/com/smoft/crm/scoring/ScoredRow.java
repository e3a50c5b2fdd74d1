package com.smoft.crm.scoring;

import java.util.List;
import java.util.Locale;

/**
 * A scored customer as every output writes it: its columns, their names on the wire, their order, and the rounding
 * of the probability. The JSON answers, the CSV answer, the Spark job and the web page (through the service's
 * contract) all take them from here, so that a column is added, renamed or rounded in one place.
 */
public final class ScoredRow {

    /** Decimals of the probability in every answer. */
    public static final int PROBABILITY_DECIMALS = 4;

    private static final double PROBABILITY_SCALE = Math.pow(10, PROBABILITY_DECIMALS);

    /** What a column holds, for a writer that formats or types its values. */
    public enum Kind {
        /** The customer's identifier, as the caller gave it: a whole number or a CRM record id. */
        ID,
        /** A whole number. */
        WHOLE,
        /** A decimal number: a decimal comma where the file has one. */
        DECIMAL,
        /** A code that reads the same in every language ({@code Hot}, {@code HIGH}, {@code CALL}). */
        CODE,
        /** A text in the language asked for. */
        TEXT
    }

    /** One column of a scored customer; its name on the wire is {@link #key()}. */
    public enum Column {
        /** The caller's identifier. */
        CUSTOMER_ID(Kind.ID),
        /** round(100 x calibrated conversion probability), 0 to 100. */
        SCORE(Kind.WHOLE),
        /** {@code Hot}, {@code Warm} or {@code Cold}. */
        SEGMENT(Kind.CODE),
        /** The calibrated conversion probability, {@value #PROBABILITY_DECIMALS} decimals. */
        PROBABILITY(Kind.DECIMAL),
        /** {@code HIGH}, {@code MEDIUM} or {@code LOW}. */
        PRIORITY(Kind.CODE),
        /** The next action's code: {@code CALL}, {@code EMAIL} or {@code NURTURE}. */
        NEXT_ACTION(Kind.CODE),
        /** What the rep should do, in the language asked for. */
        RECOMMENDATION(Kind.TEXT),
        /**
         * With the what-if search ({@link WhatIf}): below Hot, the actions that would move the customer up a segment
         * and the score they would reach; for a Hot customer, how long he stays Hot without contact. In the language
         * asked for.
         */
        NEXT_STEP(Kind.TEXT),
        /** With the what-if search: the score the next step would reach; empty for a Hot customer. */
        NEXT_STEP_SCORE(Kind.WHOLE),
        /**
         * With the what-if search: the days without contact after which a Hot customer stops being Hot; empty for the
         * others, and when he is still Hot after a year.
         */
        AT_RISK_AFTER(Kind.WHOLE);

        private final Kind kind;
        private final String key;

        Column(Kind kind) {
            this.kind = kind;
            this.key = name().toLowerCase(Locale.ROOT);
        }

        /** The column's name in JSON and CSV: {@code customer_id}, {@code next_action}... */
        public String key() {
            return key;
        }

        /** What it holds. */
        public Kind kind() {
            return kind;
        }
    }

    /** A table's columns, in this order: the CSV answer after the file's own columns, the web page's list. */
    public static final List<Column> TABLE = List.of(
            Column.CUSTOMER_ID,
            Column.SCORE,
            Column.SEGMENT,
            Column.PROBABILITY,
            Column.PRIORITY,
            Column.NEXT_ACTION,
            Column.RECOMMENDATION);

    /**
     * The what-if search's columns, in this order: added after {@link #TABLE}'s with {@code ?whatif=true}, and after
     * the coded columns by the Spark job's {@code --explain}.
     */
    public static final List<Column> WHAT_IF = List.of(Column.NEXT_STEP, Column.NEXT_STEP_SCORE, Column.AT_RISK_AFTER);

    /**
     * A JSON answer's fields, in this order: the original product's four first ({@code customer_id, score, segment,
     * recommendation}), then the others. The next action is an object there, its code in {@code action}.
     */
    public static final List<Column> JSON = List.of(
            Column.CUSTOMER_ID,
            Column.SCORE,
            Column.SEGMENT,
            Column.RECOMMENDATION,
            Column.PRIORITY,
            Column.PROBABILITY,
            Column.NEXT_ACTION);

    /** A batch's compact view: what a call list needs, nothing more. */
    public static final List<Column> COMPACT =
            List.of(Column.CUSTOMER_ID, Column.SCORE, Column.SEGMENT, Column.PROBABILITY);

    /**
     * What is added to a table that keeps its own columns, its id among them, in every language alike: the table's
     * columns without the id and the text (the Spark job's output).
     */
    public static final List<Column> CODED = TABLE.stream()
            .filter(column -> column != Column.CUSTOMER_ID && column.kind() != Kind.TEXT)
            .toList();

    private ScoredRow() {}

    /** A probability as every answer gives it: {@value #PROBABILITY_DECIMALS} decimals, half up. */
    public static double probability(double probability) {
        return Math.round(probability * PROBABILITY_SCALE) / PROBABILITY_SCALE;
    }

    /**
     * The value of a column for customer {@code index} of a batch: the identifier as given (a {@code Long} or a
     * {@code String}), the score as an {@code Integer}, the probability as a rounded {@code Double}, the other
     * columns as text, the recommendation and the next step in {@code locale}. A what-if column is {@code null} where
     * it has nothing to say, and for a batch scored without the search.
     */
    public static Object value(Column column, LeadScorer.ScoredBatch batch, int index, Locale locale) {
        return switch (column) {
            case CUSTOMER_ID -> batch.customerId(index).value();
            case SCORE -> batch.score(index);
            case SEGMENT -> batch.segment(index).label();
            case PROBABILITY -> probability(batch.probability(index));
            case PRIORITY -> batch.segment(index).priority();
            case NEXT_ACTION -> batch.nextActionCode(index);
            case RECOMMENDATION -> batch.recommendation(index, locale);
            case NEXT_STEP -> batch.whatIfText(index, locale);
            case NEXT_STEP_SCORE -> batch.nextStepScore(index);
            case AT_RISK_AFTER -> batch.atRiskAfter(index);
        };
    }
}
