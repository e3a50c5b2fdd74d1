package com.smoft.crm.scoring;

import java.util.stream.DoubleStream;
import smile.classification.RandomForest;
import smile.model.cart.DecisionNode;
import smile.model.cart.InternalNode;
import smile.model.cart.Node;
import smile.model.cart.OrdinalNode;

/**
 * TreeSHAP contributions of the forest's vote share for "converts".
 *
 * <p>Smile computes each tree's exact TreeSHAP values; its forest-level {@code shap} averages trees
 * equally, while the forest's prediction weights each tree by its out-of-bag accuracy. This class
 * weights the trees as the prediction does, so that the base value plus the contributions add up
 * to the very vote share the service calibrates.
 *
 * <p>The values are TreeSHAP's own (path-dependent, exact), computed leaf by leaf rather than by Lundberg's recursion.
 * A leaf adds to the tree's output its value times, for each signal {@code u} split on along its path, either whether
 * the customer follows every split on {@code u} there ({@code A}, when {@code u} is known) or the share of training
 * customers that did ({@code R}, when it is not). The Shapley value of such a product for a signal {@code i} of the
 * path's {@code d} signals is {@code (A_i - R_i) / R_i * H(P - {i})}, where {@code P} is the set of the path's signals
 * the customer follows and {@code H(Q)} sums {@code |T|! (d-1-|T|)! / d! * prod(R_u, u not in T)} over the subsets
 * {@code T} of {@code Q} (the idea of Fast TreeSHAP v2, Yang 2021). With seven signals a leaf has at most 128 such
 * sums: they are computed once, at load time, and an explanation is one walk of each tree's nodes and a few table
 * reads per leaf, where the recursion spent {@code d^2} divisions per leaf.
 */
final class ForestExplainer {

    private static final int CONVERTS = 1;

    private final int[] roots;
    /** Per node: its signal, or -1 for a leaf. */
    private final int[] feature;

    private final double[] threshold;
    /** Per node: the child of {@code value <= threshold}; the other is the next node. */
    private final int[] yes;

    private final int[] no;
    /** Per leaf: the signals split on along its path, as bits. */
    private final int[] pathSignals;
    /** Per leaf: where its sums {@code H}, already times its value and its tree's weight, start in {@link #sums}. */
    private final int[] sumsStart;
    /** Per leaf: where its {@code (1 - R) / R}, one per path signal in bit order, start in {@link #unknownRatios}. */
    private final int[] ratiosStart;

    private final double[] sums;
    private final double[] unknownRatios;
    private final double baseValue;

    ForestExplainer(RandomForest forest) {
        RandomForest.Model[] models = forest.models();
        roots = new int[models.length];
        double totalWeight = 0;
        int nodes = 0;
        for (RandomForest.Model model : models) {
            totalWeight += model.weight();
            nodes += countNodes(model.tree().root());
        }
        feature = new int[nodes];
        threshold = new double[nodes];
        yes = new int[nodes];
        no = new int[nodes];
        pathSignals = new int[nodes];
        sumsStart = new int[nodes];
        ratiosStart = new int[nodes];
        Tables tables = new Tables();
        int[] next = {0};
        double base = 0;
        for (int t = 0; t < models.length; t++) {
            Node root = models[t].tree().root();
            double treeWeight = models[t].weight() / totalWeight;
            roots[t] = flatten(root, next, treeWeight, new double[Signals.COUNT], 0, tables);
            base += treeWeight * expectedVote(root);
        }
        sums = tables.sums.build().toArray();
        unknownRatios = tables.ratios.build().toArray();
        baseValue = base;
    }

    /** The forest's vote share averaged over its training customers, where every explanation starts. */
    double baseValue() {
        return baseValue;
    }

    /** Each signal's contribution to the vote share, in {@link Feature} order. */
    double[] contributions(double[] signals) {
        double[] contributions = new double[signals.length];
        for (int root : roots) {
            walk(signals, contributions, root, 0, -1);
        }
        return contributions;
    }

    /**
     * Adds the leaves under {@code node} to the contributions; {@code seen} holds the signals split on above it and
     * {@code followed} those whose every split above it the customer follows.
     */
    private void walk(double[] signals, double[] contributions, int node, int seen, int followed) {
        int split = feature[node];
        if (split >= 0) {
            int bit = 1 << split;
            boolean goesYes = signals[split] <= threshold[node];
            walk(signals, contributions, yes[node], seen | bit, goesYes ? followed : followed & ~bit);
            walk(signals, contributions, no[node], seen | bit, goesYes ? followed & ~bit : followed);
            return;
        }
        int path = pathSignals[node];
        int known = path & followed;
        int ratio = ratiosStart[node];
        for (int rest = path; rest != 0; rest &= rest - 1, ratio++) {
            int bit = Integer.lowestOneBit(rest);
            double sum = sums[sumsStart[node] + Integer.compress(known & ~bit, path)];
            contributions[Integer.numberOfTrailingZeros(bit)] += (known & bit) != 0 ? unknownRatios[ratio] * sum : -sum;
        }
    }

    /** The leaves' tables, as they are built, and how many values each holds so far. */
    private static final class Tables {
        final DoubleStream.Builder sums = DoubleStream.builder();
        final DoubleStream.Builder ratios = DoubleStream.builder();
        int sumCount;
        int ratioCount;
    }

    /**
     * Writes a leaf's tables: for each subset {@code Q} of its path's {@code d} signals (as bits of their order on the
     * path's bit set), {@code H(Q)} times the leaf's value and its tree's weight, then {@code (1 - R) / R} of each.
     */
    private void writeLeaf(int leaf, int path, double[] shareFollowing, double scale, Tables tables) {
        int d = Integer.bitCount(path);
        double[] ratios = new double[d];
        int j = 0;
        for (int rest = path; rest != 0; rest &= rest - 1) {
            ratios[j++] = shareFollowing[Integer.numberOfTrailingZeros(rest)];
        }
        // h(T) = |T|! (d-1-|T|)! / d! * prod(R_u, u not in T); only subsets of d-1 signals or fewer are ever read.
        double[] sum = new double[1 << d];
        for (int subset = 0; subset < sum.length - 1; subset++) {
            double product = scale * shapleyWeight(Integer.bitCount(subset), d);
            for (int u = 0; u < d; u++) {
                if ((subset & (1 << u)) == 0) {
                    product *= ratios[u];
                }
            }
            sum[subset] = product;
        }
        // H(Q) = sum of h(T) over the subsets T of Q.
        for (int u = 0; u < d; u++) {
            for (int subset = 0; subset < sum.length; subset++) {
                if ((subset & (1 << u)) != 0) {
                    sum[subset] += sum[subset ^ (1 << u)];
                }
            }
        }
        pathSignals[leaf] = path;
        sumsStart[leaf] = tables.sumCount;
        for (double value : sum) {
            tables.sums.add(value);
        }
        tables.sumCount += sum.length;
        ratiosStart[leaf] = tables.ratioCount;
        for (double ratio : ratios) {
            tables.ratios.add((1 - ratio) / ratio);
        }
        tables.ratioCount += ratios.length;
    }

    /** {@code k! (d-1-k)! / d!}: the Shapley weight of a coalition of {@code k} of the other {@code d-1} players. */
    private static double shapleyWeight(int k, int d) {
        double weight = 1.0 / d;
        for (int i = 1; i <= k; i++) {
            weight *= i / (double) (d - k - 1 + i);
        }
        return weight;
    }

    /**
     * Writes a tree's nodes from {@code next[0]} on, depth first; returns its root's index. {@code shareFollowing}
     * holds, per signal split on above, the share of training customers that followed those splits ({@code R}).
     */
    private int flatten(Node node, int[] next, double treeWeight, double[] shareFollowing, int path, Tables tables) {
        int index = next[0]++;
        switch (node) {
            case DecisionNode leaf -> {
                feature[index] = -1;
                double value = leaf.posteriori(new double[leaf.count().length])[CONVERTS];
                writeLeaf(index, path, shareFollowing, treeWeight * value, tables);
            }
            case OrdinalNode split -> {
                int signal = split.feature();
                feature[index] = signal;
                threshold[index] = CompiledForest.thresholdOf(split);
                double above = (path & (1 << signal)) != 0 ? shareFollowing[signal] : 1;
                shareFollowing[signal] = above * split.trueChild().size() / (double) split.size();
                yes[index] = flatten(split.trueChild(), next, treeWeight, shareFollowing, path | 1 << signal, tables);
                shareFollowing[signal] = above * split.falseChild().size() / (double) split.size();
                no[index] = flatten(split.falseChild(), next, treeWeight, shareFollowing, path | 1 << signal, tables);
                shareFollowing[signal] = above;
            }
            default ->
                throw new IllegalArgumentException(
                        "cannot explain a " + node.getClass().getSimpleName() + ": the model has only numeric signals");
        }
        return index;
    }

    private static int countNodes(Node node) {
        return node instanceof InternalNode split
                ? 1 + countNodes(split.trueChild()) + countNodes(split.falseChild())
                : 1;
    }

    /** A tree's mean output, weighting each branch by the customers that went down it, as TreeSHAP does. */
    private static double expectedVote(Node node) {
        if (node instanceof InternalNode split) {
            Node yes = split.trueChild();
            Node no = split.falseChild();
            return (yes.size() * expectedVote(yes) + no.size() * expectedVote(no)) / split.size();
        }
        DecisionNode leaf = (DecisionNode) node;
        return leaf.posteriori(new double[leaf.count().length])[CONVERTS];
    }
}
