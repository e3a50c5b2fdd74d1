package com.smoft.crm.scoring;

import java.lang.reflect.Field;
import smile.classification.RandomForest;
import smile.model.cart.DecisionNode;
import smile.model.cart.InternalNode;
import smile.model.cart.Node;
import smile.model.cart.OrdinalNode;

/**
 * A trained random forest flattened into primitive arrays, the serving path.
 *
 * <p>Smile's {@code predict} walks object trees through {@code Tuple}s. Here every node of every
 * tree is a slot in parallel arrays: the feature it tests, its threshold, and its two children;
 * a leaf holds its tree's weighted vote for "converts" instead. Scoring a customer is a few hundred
 * array reads, with no allocation. It reproduces Smile's arithmetic (each tree's Laplace-smoothed
 * leaf posterior, weighted by the tree's out-of-bag accuracy, normalised by the total weight), so
 * both give the same probability.
 */
public final class CompiledForest {

    private static final int LEAF = -1;
    private static final Field ORDINAL_THRESHOLD = ordinalThresholdField();

    private final int[] roots;
    private final int[] feature;
    private final double[] threshold;
    private final int[] trueChild;
    private final int[] falseChild;
    private final double[] leafValue;
    private int size;

    private CompiledForest(int capacity, int trees) {
        roots = new int[trees];
        feature = new int[capacity];
        threshold = new double[capacity];
        trueChild = new int[capacity];
        falseChild = new int[capacity];
        leafValue = new double[capacity];
    }

    /** Flattens a binary-class forest whose features are all numeric. */
    public static CompiledForest compile(RandomForest forest) {
        RandomForest.Model[] models = forest.models();
        double totalWeight = 0;
        int capacity = 0;
        for (RandomForest.Model model : models) {
            totalWeight += model.weight();
            capacity += countNodes(model.tree().root());
        }
        CompiledForest compiled = new CompiledForest(capacity, models.length);
        for (int t = 0; t < models.length; t++) {
            compiled.roots[t] = compiled.add(models[t].tree().root(), models[t].weight() / totalWeight);
        }
        return compiled;
    }

    /** The forest's vote share for "converts" of one vector of signals in {@link Feature} order. */
    public double voteShare(double[] signals) {
        double sum = 0;
        for (int root : roots) {
            int node = root;
            while (feature[node] != LEAF) {
                node = signals[feature[node]] <= threshold[node] ? trueChild[node] : falseChild[node];
            }
            sum += leafValue[node];
        }
        return sum;
    }

    /** Number of trees. */
    public int trees() {
        return roots.length;
    }

    /** Number of nodes over all trees. */
    public int nodes() {
        return size;
    }

    private int add(Node node, double treeWeight) {
        int index = size++;
        switch (node) {
            case DecisionNode leaf -> {
                double[] posteriori = leaf.posteriori(new double[leaf.count().length]);
                feature[index] = LEAF;
                leafValue[index] = treeWeight * posteriori[1];
            }
            case OrdinalNode split -> {
                feature[index] = split.feature();
                threshold[index] = thresholdOf(split);
                trueChild[index] = add(split.trueChild(), treeWeight);
                falseChild[index] = add(split.falseChild(), treeWeight);
            }
            default -> throw new IllegalArgumentException(
                    "cannot compile a " + node.getClass().getSimpleName() + ": the model has only numeric signals");
        }
        return index;
    }

    private static int countNodes(Node node) {
        return node instanceof InternalNode split
                ? 1 + countNodes(split.trueChild()) + countNodes(split.falseChild())
                : 1;
    }

    private static double thresholdOf(OrdinalNode split) {
        try {
            return ORDINAL_THRESHOLD.getDouble(split);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read a split threshold of the forest", e);
        }
    }

    // Smile keeps the split value package-private and prints it only rounded, so it is read once here, at load time.
    private static Field ordinalThresholdField() {
        try {
            Field field = OrdinalNode.class.getDeclaredField("value");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError("this Smile version has no OrdinalNode.value: " + e);
        }
    }
}
