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
 * sums: they are computed once, at load time, and an explanation is one pass over each tree's nodes, in their order, and a few table
 * reads per leaf, where the recursion spent {@code d^2} divisions per leaf.
 */
final class ForestExplainer {

    private static final int CONVERTS = 1;

    private final int[] roots;
    /**
     * Per node, two values, depth first so that a split's {@code value <= threshold} child is the next node: a split's
     * signal and its other child; a leaf's {@code -1 - path} (the signals split on along its path, as bits) and where
     * its table starts in {@link #tables}.
     */
    private final int[] nodes;
    /** Per node: a split's threshold. */
    private final double[] threshold;
    /**
     * Per leaf: its sums {@code H}, already times its value and its tree's weight, for each subset of its path's
     * {@code d} signals, then their {@code (1 - R) / R}, one per path signal in bit order.
     */
    private final double[] tables;

    /** The most nodes of one tree. */
    private final int largestTree;

    private final double baseValue;

    ForestExplainer(RandomForest forest) {
        RandomForest.Model[] models = forest.models();
        roots = new int[models.length];
        double totalWeight = 0;
        int count = 0;
        int largest = 0;
        for (RandomForest.Model model : models) {
            totalWeight += model.weight();
            int treeNodes = countNodes(model.tree().root());
            count += treeNodes;
            largest = Math.max(largest, treeNodes);
        }
        largestTree = largest;
        nodes = new int[2 * count];
        threshold = new double[count];
        DoubleStream.Builder leaves = DoubleStream.builder();
        int[] next = {0, 0};
        double base = 0;
        for (int t = 0; t < models.length; t++) {
            Node root = models[t].tree().root();
            double treeWeight = models[t].weight() / totalWeight;
            roots[t] = flatten(root, next, treeWeight, new double[Signals.COUNT], 0, leaves);
            base += treeWeight * expectedVote(root);
        }
        tables = leaves.build().toArray();
        baseValue = base;
    }

    /** The forest's vote share averaged over its training customers, where every explanation starts. */
    double baseValue() {
        return baseValue;
    }

    /** Each signal's contribution to the vote share, in {@link Feature} order. */
    double[] contributions(double[] signals) {
        double[] contributions = new double[signals.length];
        // Per node of the tree at hand: the signals whose every split above it the customer follows.
        int[] followed = new int[largestTree];
        for (int t = 0; t < roots.length; t++) {
            int root = roots[t];
            int end = t + 1 < roots.length ? roots[t + 1] : threshold.length;
            followed[0] = -1;
            // Depth first, so each node comes after its parent.
            for (int node = root; node < end; node++) {
                int follows = followed[node - root];
                int split = nodes[2 * node];
                if (split >= 0) {
                    int bit = 1 << split;
                    boolean goesYes = signals[split] <= threshold[node];
                    followed[node + 1 - root] = goesYes ? follows : follows & ~bit;
                    followed[nodes[2 * node + 1] - root] = goesYes ? follows & ~bit : follows;
                } else {
                    addLeaf(contributions, -1 - split, nodes[2 * node + 1], follows);
                }
            }
        }
        return contributions;
    }

    /** Adds a leaf's share of the contributions, for the signals of its path the customer follows. */
    private void addLeaf(double[] contributions, int path, int table, int followed) {
        // The path's signals in their bit order, the j-th of them as bit j: P itself, and P - {i} for each i in P.
        int known = Integer.compress(followed, path);
        double unfollowed = -tables[table + known];
        int ratio = table + (1 << Integer.bitCount(path));
        for (int rest = path, j = 1; rest != 0; rest &= rest - 1, j <<= 1, ratio++) {
            int signal = Integer.numberOfTrailingZeros(rest);
            contributions[signal] += (known & j) != 0 ? tables[ratio] * tables[table + (known & ~j)] : unfollowed;
        }
    }

    /**
     * Writes a leaf's table: for each subset {@code Q} of its path's {@code d} signals (as bits of their order on the
     * path's bit set), {@code H(Q)} times the leaf's value and its tree's weight, then {@code (1 - R) / R} of each.
     *
     * @return where the table starts
     */
    private static int writeLeaf(
            int path, double[] shareFollowing, double scale, int[] next, DoubleStream.Builder leaves) {
        int d = Integer.bitCount(path);
        double[] ratios = new double[d];
        int j = 0;
        for (int rest = path; rest != 0; rest &= rest - 1) {
            ratios[j++] = shareFollowing[Integer.numberOfTrailingZeros(rest)];
        }
        // h(T) = |T|! (d-1-|T|)! / d! * prod(R_u, u not in T); h of the whole path is 0 (no signal is left to add).
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
        int start = next[1];
        for (double value : sum) {
            leaves.add(value);
        }
        for (double ratio : ratios) {
            leaves.add((1 - ratio) / ratio);
        }
        next[1] += sum.length + d;
        return start;
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
     * Writes a tree's nodes from {@code next[0]} on, depth first, and its leaves' tables from {@code next[1]} on;
     * returns its root's index. {@code shareFollowing} holds, per signal split on above, the share of training
     * customers that followed those splits ({@code R}).
     */
    private int flatten(
            Node node, int[] next, double treeWeight, double[] shareFollowing, int path, DoubleStream.Builder leaves) {
        int index = next[0]++;
        switch (node) {
            case DecisionNode leaf -> {
                double value = leaf.posteriori(new double[leaf.count().length])[CONVERTS];
                nodes[2 * index] = -1 - path;
                nodes[2 * index + 1] = writeLeaf(path, shareFollowing, treeWeight * value, next, leaves);
            }
            case OrdinalNode split -> {
                int signal = split.feature();
                nodes[2 * index] = signal;
                threshold[index] = CompiledForest.thresholdOf(split);
                double above = (path & (1 << signal)) != 0 ? shareFollowing[signal] : 1;
                shareFollowing[signal] = above * split.trueChild().size() / (double) split.size();
                flatten(split.trueChild(), next, treeWeight, shareFollowing, path | 1 << signal, leaves);
                shareFollowing[signal] = above * split.falseChild().size() / (double) split.size();
                nodes[2 * index + 1] =
                        flatten(split.falseChild(), next, treeWeight, shareFollowing, path | 1 << signal, leaves);
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
