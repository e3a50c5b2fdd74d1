package com.smoft.crm.scoring;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import smile.data.type.PrimitiveType;
import smile.data.type.StructField;
import smile.data.type.StructType;

/**
 * Deserialises a model's bytes within the bounds of a SMOFT model, stopping at the first thing no model holds.
 *
 * <p>Three guards act while the stream is read, so that a hostile stream is refused before it costs anything:
 * <ul>
 * <li>a filter admits only the concrete classes a model holds (as Smile's {@code Read.object} admits only its own,
 *     but narrower), within depth, reference and array limits and a budget of list and map entries;</li>
 * <li>each list, map and schema is checked as soon as it is read, before anything can hash it, to hold what a
 *     model's do: a list of a schema's fields, a map from names or numbers to numbers. A map hashes its keys while
 *     it is read; with nothing nested in them, no hash or equality it computes can cost more than the entries the
 *     budget allows (252 KB of nested lists as keys cost half a minute of hashing, a larger file hours);</li>
 * <li>the filter, called at every class, array and back-reference of the stream, checks a deadline too, so that
 *     reading stops for real when it passes. Reading runs on the caller's thread and leaves nothing running.</li>
 * </ul>
 */
final class ModelDeserialiser extends ObjectInputStream implements ObjectInputFilter {

    /**
     * The classes of a model, as read off the shipped 100-tree model and a 500-tree one. No class with
     * behaviour on deserialisation beyond these: in particular no HashSet, no collection of Java's beyond
     * the two Smile's schema uses, nothing of java.lang but boxes and enums. The two array types of Java's
     * are those the list and the map announce before they read their entries.
     */
    private static final Set<String> MODEL_CLASSES = Set.of(
            TrainedModel.class.getName(),
            RfmCutPoints.class.getName(),
            IsotonicCalibrator.class.getName(),
            "smile.classification.AbstractClassifier",
            "smile.classification.DecisionTree",
            "smile.classification.RandomForest",
            "smile.classification.RandomForest$Model",
            "smile.data.formula.Formula",
            "smile.data.formula.Variable",
            "smile.data.type.DataType$ID",
            "smile.data.type.DoubleType",
            "smile.data.type.IntType",
            "smile.data.type.PrimitiveType",
            "smile.data.type.StructField",
            "smile.data.type.StructType",
            "smile.model.cart.CART",
            "smile.model.cart.DecisionNode",
            "smile.model.cart.InternalNode",
            "smile.model.cart.LeafNode",
            "smile.model.cart.OrdinalNode",
            "smile.model.cart.SplitRule",
            "smile.util.IntSet",
            "smile.validation.ClassificationMetrics",
            "java.lang.Enum",
            "java.lang.Integer",
            "java.lang.Number",
            "java.util.ArrayList",
            "java.util.HashMap",
            "[D",
            "[I",
            "[Ljava.lang.Object;",
            "[Ljava.util.Map$Entry;",
            "[Lsmile.classification.RandomForest$Model;",
            "[Lsmile.data.formula.Term;");

    /**
     * Limits of the object graph, from the shipped model (depth 18 with trees of depth 12, 32 298 references,
     * longest array 100) and a 500-tree one (159 407 references, longest array 500). The depth follows the
     * deepest tree allowed.
     */
    static final int MAX_GRAPH_DEPTH = ModelFiles.MAX_TREE_DEPTH + 8;

    static final long MAX_REFERENCES = 10_000_000;
    static final long MAX_ARRAY_LENGTH = 65_536;

    /**
     * Entries of all lists and maps of a model together, a map counting its whole table: 39 in the shipped model
     * and in a 500-tree one (the schema's 7 fields, its index of 16 slots, the 16 slots of the class labels). It
     * bounds what the maps of a stream can hash while it is read to about a million entries' hashes.
     */
    static final long MAX_COLLECTION_ENTRIES = 1_024;

    private final long deadline;
    private final Set<Object> checked = Collections.newSetFromMap(new IdentityHashMap<>());
    private long collectionEntries;
    private String refusal;
    private boolean late;

    private ModelDeserialiser(byte[] bytes, int offset, Duration timeLimit) throws IOException {
        super(new ByteArrayInputStream(bytes, offset, bytes.length - offset));
        this.deadline = System.nanoTime() + timeLimit.toNanos();
        setObjectInputFilter(this);
        enableResolveObject(true);
    }

    /**
     * The object serialised in {@code bytes} from {@code offset}, read within the bounds of a SMOFT model.
     *
     * @param timeLimit how long reading may take; it stops when it has passed
     * @throws RefusedException when the stream holds what no model holds, breaks a limit, or took too long
     * @throws IOException      when the stream is not a readable serialisation
     */
    static Object read(byte[] bytes, int offset, Duration timeLimit) throws IOException, ClassNotFoundException {
        ModelDeserialiser in = new ModelDeserialiser(bytes, offset, timeLimit);
        try (in) {
            return in.readObject();
        } catch (InvalidClassException e) {
            if (in.refusal != null) {
                throw new RefusedException(in.refusal, in.late, e);
            }
            throw e;
        }
    }

    @Override
    public Status checkInput(FilterInfo info) {
        if (System.nanoTime() - deadline >= 0) {
            late = true;
            return refuse("more to read than fits in the time limit");
        }
        if (info.depth() > MAX_GRAPH_DEPTH) {
            return refuse("objects nested " + info.depth() + " deep (a model: at most " + MAX_GRAPH_DEPTH + ")");
        }
        if (info.references() > MAX_REFERENCES) {
            return refuse("more than " + MAX_REFERENCES + " objects");
        }
        if (info.arrayLength() > MAX_ARRAY_LENGTH) {
            return refuse(
                    "an array of " + info.arrayLength() + " elements (a model: at most " + MAX_ARRAY_LENGTH + ")");
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return Status.UNDECIDED;
        }
        if (!MODEL_CLASSES.contains(type.getName())) {
            return refuse("a " + type.getName());
        }
        if ((type == Object[].class || type == Map.Entry[].class) && info.arrayLength() > 0) {
            collectionEntries += info.arrayLength();
            if (collectionEntries > MAX_COLLECTION_ENTRIES) {
                return refuse("lists and maps of more than " + MAX_COLLECTION_ENTRIES + " entries in all");
            }
        }
        return Status.ALLOWED;
    }

    private Status refuse(String why) {
        refusal = why;
        return Status.REJECTED;
    }

    /** Checks each list, map and schema as soon as it is read, before a map can hash it. */
    @Override
    protected Object resolveObject(Object object) throws IOException {
        String misfit = switch (object) {
            case ArrayList<?> list ->
                list.stream().allMatch(StructField.class::isInstance)
                        ? null
                        : "a list holding " + kinds(list) + " (a model's lists hold a schema's fields only)";
            case HashMap<?, ?> map ->
                map.keySet().stream().allMatch(key -> key instanceof String || key instanceof Integer)
                                && map.values().stream().allMatch(Integer.class::isInstance)
                        ? null
                        : "a map from " + kinds(map.keySet()) + " to " + kinds(map.values())
                                + " (a model's maps go from names or numbers to numbers)";
            case StructField field ->
                field.dtype() instanceof PrimitiveType
                        ? null
                        : "a schema field of type " + kinds(Collections.singleton(field.dtype()))
                                + " (a model's fields are numbers)";
            case StructType schema ->
                checked.contains(schema.fields()) && checked.contains(schema.index())
                        ? null
                        : "a schema whose fields are not a list and a map read whole before it";
            default -> null;
        };
        if (misfit != null) {
            throw new RefusedException(misfit, false, null);
        }
        if (object instanceof ArrayList<?> || object instanceof HashMap<?, ?>) {
            checked.add(object);
        }
        return object;
    }

    /** The classes of some objects, for a refusal's message. */
    private static String kinds(Iterable<?> objects) {
        Set<String> kinds = new TreeSet<>();
        objects.forEach(
                object -> kinds.add(object == null ? "null" : object.getClass().getName()));
        return String.join(", ", kinds);
    }

    /** A stream refused: it holds what no model holds, breaks a limit of one, or took longer to read than allowed. */
    static final class RefusedException extends InvalidObjectException {

        private final boolean late;

        RefusedException(String what, boolean late, Exception cause) {
            super(what, cause);
            this.late = late;
        }

        /** Whether reading was stopped by the time limit. */
        boolean late() {
            return late;
        }
    }
}
