package com.smoft.crm.scoring;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The input contract, declared once: the eight fields a customer is given by, in the order clients and CSV
 * headers usually name them, what each holds and which values it takes. JSON validation, the CSV reader (for
 * batches and for training) and the OpenAPI document all read it, with the same words for every refusal.
 */
public enum InputField {
    CUSTOMER_ID(
            "customer_id",
            Kind.ID,
            "customer id",
            "id",
            "client id",
            "id client",
            "identifiant",
            "identifiant client",
            "numéro client",
            "numéro",
            "code client",
            "référence client",
            "réf client",
            "lead id",
            "contact id",
            "record id"),
    DAYS_SINCE_LAST_CONTACT(
            "days_since_last_contact",
            Kind.COUNT,
            "days since last contact",
            "days since contact",
            "jours depuis dernier contact",
            "jours depuis contact",
            "jours sans contact",
            "récence jours",
            "récence",
            "recency days",
            "recency",
            "dernier contact jours"),
    TOTAL_CONTACTS(
            "total_contacts",
            Kind.COUNT,
            "total contacts",
            "contacts",
            "nombre contacts",
            "number of contacts",
            "contact count",
            "total contact"),
    TOTAL_SPENT(
            "total_spent",
            Kind.AMOUNT,
            "total spent",
            "amount spent",
            "total purchase amount",
            "spent",
            "montant dépensé",
            "montant total",
            "montant achats",
            "total achats",
            "montant",
            "dépense",
            "dépenses",
            "chiffre affaires",
            "ca",
            "ca total"),
    EMAILS_SENT(
            "emails_sent",
            Kind.COUNT,
            "emails sent",
            "email sent",
            "emails envoyés",
            "mails envoyés",
            "nombre emails envoyés",
            "envoyés"),
    EMAILS_OPENED(
            "emails_opened",
            Kind.COUNT,
            "emails opened",
            "email opened",
            "emails ouverts",
            "mails ouverts",
            "nombre emails ouverts",
            "ouverts",
            "ouvertures"),
    WEBSITE_VISITS(
            "website_visits",
            Kind.COUNT,
            "website visits",
            "site visits",
            "web visits",
            "visits",
            "visites site",
            "visites site web",
            "visites",
            "nombre visites",
            "visites web"),
    CUSTOMER_AGE_DAYS(
            "customer_age_days",
            Kind.COUNT,
            "customer age days",
            "customer age",
            "age days",
            "ancienneté jours",
            "ancienneté",
            "ancienneté client",
            "ancienneté client jours",
            "age client jours",
            "age client",
            "client depuis jours");

    /** What a field holds. */
    public enum Kind {
        /** {@value #ID_RULE}. */
        ID,
        /** A whole number >= 0 (an int). */
        COUNT,
        /** Euros, from 0 to {@link #MAX_AMOUNT}. */
        AMOUNT
    }

    /** The largest amount spent accepted, in euros. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

    /** The largest count accepted: a count is an {@code int}, as {@link Customer} holds it. */
    public static final int MAX_COUNT = Integer.MAX_VALUE;

    /**
     * The longest number accepted as written, in characters, checked before it is parsed: parsing costs grow
     * faster than the length, so a longer value is refused at once. JSON bodies have the same default limit
     * ({@code crm.limits.json-max-number-length}).
     */
    public static final int MAX_NUMBER_LENGTH = 100;

    /** The most characters of a refused value an error message repeats. */
    public static final int MAX_ECHOED_LENGTH = 200;

    public static final String REQUIRED = "is required";
    public static final String NON_NEGATIVE = "must be greater than or equal to 0";
    public static final String AMOUNT_TOO_LARGE = "must be at most 1e12 euros";
    /** What an identifier may be, as the refusals and the OpenAPI document say it. */
    public static final String ID_RULE = "a whole number >= 0 or a text of " + CustomerId.TEXT_RULE;

    public static final String NOT_AN_ID = "must be " + ID_RULE;
    public static final String NUMBER_TOO_LONG = "must be a number of at most " + MAX_NUMBER_LENGTH + " characters";

    /** The fields' keys, as JSON and CSV headers spell them. */
    public static final List<String> KEYS =
            Arrays.stream(values()).map(InputField::key).toList();

    private final String key;
    private final Kind kind;
    /** The other names as written here, one for each name as compared. */
    private final List<String> names;
    /** The same names as {@link #normalisedName} writes them, as a header's columns are compared with them. */
    private final Set<String> comparedNames;

    InputField(String key, Kind kind, String... names) {
        this.key = key;
        this.kind = kind;
        Map<String, String> byComparedName = new LinkedHashMap<>();
        for (String name : names) {
            byComparedName.putIfAbsent(normalisedName(name), name);
        }
        this.names = List.copyOf(byComparedName.values());
        Set<String> compared = new HashSet<>(byComparedName.keySet());
        compared.add(normalisedName(key));
        this.comparedNames = Set.copyOf(compared);
    }

    /**
     * The other names a CSV header may give the field, French and English, one of each spelling that
     * {@link #normalisedName} tells apart: {@code N° client}, {@code Nb contacts}, {@code Montant dépensé (€)} and
     * {@code Ancienneté (jours)} are read as {@code numéro client}, {@code nombre contacts}, {@code montant dépensé}
     * and {@code ancienneté jours}.
     */
    public List<String> names() {
        return names;
    }

    /**
     * A column name as it is compared: lower case, full-width and other compatibility forms folded, without accents,
     * invisible characters, currency signs or punctuation; {@code n°},
     * {@code no} and {@code num} read {@code numero}, {@code nb} and {@code nbre} {@code nombre}, {@code j} and
     * {@code jrs} {@code jour} (so {@code Ancienneté (j)} is {@code Ancienneté (jours)}), {@code e-mail}
     * {@code email}; the small words (de, du, le, la, sur, of, the...) and plural endings left out.
     */
    public static String normalisedName(String name) {
        String plain = Normalizer.normalize(name.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFKD)
                .replaceAll("[\\p{M}\\p{Cf}]+", "")
                .replace("e-mail", "email")
                .replace("e mail", "email");
        List<String> words = new ArrayList<>();
        for (String word : plain.split("[^a-z0-9]+")) {
            String normal = switch (word) {
                case "n", "no", "num", "nr" -> "numero";
                case "nb", "nbre", "nombres" -> "nombre";
                case "j", "jr", "jrs" -> "jour";
                case "",
                        "de",
                        "du",
                        "des",
                        "d",
                        "le",
                        "la",
                        "les",
                        "l",
                        "sur",
                        "au",
                        "aux",
                        "en",
                        "of",
                        "the",
                        "eur",
                        "euros" -> "";
                default -> word.length() > 3 && word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
            };
            if (!normal.isEmpty()) {
                words.add(normal);
            }
        }
        return String.join(" ", words);
    }

    /**
     * Which column of a header holds each field: the one named by the field's key first, otherwise the first
     * named by one of its other {@link #names()}; a field no column names is absent.
     */
    public static Map<InputField, Integer> columnsOf(List<String> header) {
        Map<InputField, Integer> columns = new EnumMap<>(InputField.class);
        for (int i = 0; i < header.size(); i++) {
            for (InputField field : values()) {
                if (header.get(i).strip().equalsIgnoreCase(field.key)) {
                    columns.putIfAbsent(field, i);
                }
            }
        }
        for (int i = 0; i < header.size(); i++) {
            String name = normalisedName(header.get(i));
            for (InputField field : values()) {
                if (!columns.containsKey(field) && !columns.containsValue(i) && field.comparedNames.contains(name)) {
                    columns.put(field, i);
                }
            }
        }
        return columns;
    }

    /** The snake_case name of the field. */
    public String key() {
        return key;
    }

    /** What the field holds. */
    public Kind kind() {
        return kind;
    }

    /** The smallest value accepted: 0 for counts and amounts, {@code null} for the id (a number or a text). */
    public BigDecimal minimum() {
        return kind == Kind.ID ? null : BigDecimal.ZERO;
    }

    /** The largest value accepted: {@link #MAX_AMOUNT} for the amount, {@code null} for the others. */
    public BigDecimal maximum() {
        return kind == Kind.AMOUNT ? MAX_AMOUNT : null;
    }

    /** The longest text accepted: {@link CustomerId#MAX_TEXT_LENGTH} for the id, {@code null} for the others. */
    public Integer maxLength() {
        return kind == Kind.ID ? CustomerId.MAX_TEXT_LENGTH : null;
    }

    /**
     * A value as an error message may repeat it: its first {@value #MAX_ECHOED_LENGTH} characters, then "...",
     * so that a refused value of megabytes costs a short answer.
     */
    public static String excerpt(String value) {
        if (value == null || value.length() <= MAX_ECHOED_LENGTH) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(MAX_ECHOED_LENGTH - 1))
                ? MAX_ECHOED_LENGTH - 1
                : MAX_ECHOED_LENGTH;
        return value.substring(0, end) + "...";
    }
}
