package com.smoft.crm.scoring;

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
 * <p>The trees are flattened into primitive arrays at load time, and each explanation runs the exact TreeSHAP
 * recursion (Lundberg et al., algorithm 2, as the reference implementation writes it) over them with one path buffer,
 * rather than Smile's walk of object trees through a {@code Tuple} with a path object per node: the same values, for a
 * fraction of the time and allocations.
 */
final class ForestExplainer {

    private static final int CONVERTS = 1;

    private final int[] roots;
    private final double[] treeWeights;
    /** Per node: its signal, or -1 for a leaf. */
    private final int[] feature;

    private final double[] threshold;
    /** Per node: the child of {@code value <= threshold}; the other is the next node. */
    private final int[] yes;

    private final int[] no;
    /** Per node: the training customers that reached it. */
    private final double[] cover;
    /** Per leaf: the tree's vote share for "converts" there. */
    private final double[] leafValue;

    private final int pathCapacity;
    private final double baseValue;

    ForestExplainer(RandomForest forest) {
        RandomForest.Model[] models = forest.models();
        roots = new int[models.length];
        treeWeights = new double[models.length];
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
        cover = new double[nodes];
        leafValue = new double[nodes];
        int[] next = {0};
        int depth = 0;
        double base = 0;
        for (int t = 0; t < models.length; t++) {
            Node root = models[t].tree().root();
            treeWeights[t] = models[t].weight() / totalWeight;
            roots[t] = flatten(root, next);
            depth = Math.max(depth, depthOf(root));
            base += treeWeights[t] * expectedVote(root);
        }
        // The recursion keeps one path per level, each one element longer than its parent's.
        pathCapacity = (depth + 2) * (depth + 3) / 2;
        baseValue = base;
    }

    /** The forest's vote share averaged over its training customers, where every explanation starts. */
    double baseValue() {
        return baseValue;
    }

    /** Each signal's contribution to the vote share, in {@link Feature} order. */
    double[] contributions(double[] signals) {
        double[] contributions = new double[signals.length];
        Path path = new Path(pathCapacity);
        double[] phi = new double[signals.length];
        for (int t = 0; t < roots.length; t++) {
            java.util.Arrays.fill(phi, 0);
            recurse(signals, phi, path, roots[t], 0, 0, 1, 1, -1);
            for (int f = 0; f < contributions.length; f++) {
                contributions[f] += treeWeights[t] * phi[f];
            }
        }
        return contributions;
    }

    /** The path of features met from the root, in parallel arrays; a level's path starts after its parent's. */
    private static final class Path {
        final int[] feature;
        final double[] zero;
        final double[] one;
        final double[] weight;

        Path(int capacity) {
            feature = new int[capacity];
            zero = new double[capacity];
            one = new double[capacity];
            weight = new double[capacity];
        }
    }

    private void recurse(
            double[] signals,
            double[] phi,
            Path path,
            int node,
            int parentStart,
            int depth,
            double zeroFraction,
            double oneFraction,
            int parentFeature) {
        int start = parentStart + depth;
        if (depth > 0) {
            System.arraycopy(path.feature, parentStart, path.feature, start, depth);
            System.arraycopy(path.zero, parentStart, path.zero, start, depth);
            System.arraycopy(path.one, parentStart, path.one, start, depth);
            System.arraycopy(path.weight, parentStart, path.weight, start, depth);
        }
        extend(path, start, depth, zeroFraction, oneFraction, parentFeature);
        int split = feature[node];
        if (split < 0) {
            for (int i = 1; i <= depth; i++) {
                double w = unwoundSum(path, start, depth, i);
                phi[path.feature[start + i]] += w * (path.one[start + i] - path.zero[start + i]) * leafValue[node];
            }
            return;
        }
        boolean goesYes = signals[split] <= threshold[node];
        int hot = goesYes ? yes[node] : no[node];
        int cold = goesYes ? no[node] : yes[node];
        double incomingZero = 1;
        double incomingOne = 1;
        int unique = depth;
        for (int i = 0; i <= depth; i++) {
            if (path.feature[start + i] == split) {
                incomingZero = path.zero[start + i];
                incomingOne = path.one[start + i];
                unwind(path, start, depth, i);
                unique--;
                break;
            }
        }
        recurse(
                signals,
                phi,
                path,
                hot,
                start,
                unique + 1,
                cover[hot] / cover[node] * incomingZero,
                incomingOne,
                split);
        recurse(signals, phi, path, cold, start, unique + 1, cover[cold] / cover[node] * incomingZero, 0, split);
    }

    private static void extend(Path path, int start, int depth, double zeroFraction, double oneFraction, int feature) {
        path.feature[start + depth] = feature;
        path.zero[start + depth] = zeroFraction;
        path.one[start + depth] = oneFraction;
        path.weight[start + depth] = depth == 0 ? 1 : 0;
        for (int i = depth - 1; i >= 0; i--) {
            path.weight[start + i + 1] += oneFraction * path.weight[start + i] * (i + 1) / (double) (depth + 1);
            path.weight[start + i] = zeroFraction * path.weight[start + i] * (depth - i) / (double) (depth + 1);
        }
    }

    private static void unwind(Path path, int start, int depth, int index) {
        double oneFraction = path.one[start + index];
        double zeroFraction = path.zero[start + index];
        double nextOnePortion = path.weight[start + depth];
        for (int i = depth - 1; i >= 0; i--) {
            if (oneFraction != 0) {
                double kept = path.weight[start + i];
                path.weight[start + i] = nextOnePortion * (depth + 1) / ((i + 1) * oneFraction);
                nextOnePortion = kept - path.weight[start + i] * zeroFraction * (depth - i) / (double) (depth + 1);
            } else {
                path.weight[start + i] = path.weight[start + i] * (depth + 1) / (zeroFraction * (depth - i));
            }
        }
        for (int i = index; i < depth; i++) {
            path.feature[start + i] = path.feature[start + i + 1];
            path.zero[start + i] = path.zero[start + i + 1];
            path.one[start + i] = path.one[start + i + 1];
        }
    }

    private static double unwoundSum(Path path, int start, int depth, int index) {
        double oneFraction = path.one[start + index];
        double zeroFraction = path.zero[start + index];
        double nextOnePortion = path.weight[start + depth];
        double total = 0;
        if (oneFraction != 0) {
            for (int i = depth - 1; i >= 0; i--) {
                double share = nextOnePortion / ((i + 1) * oneFraction);
                total += share;
                nextOnePortion = path.weight[start + i] - share * zeroFraction * (depth - i);
            }
        } else {
            for (int i = depth - 1; i >= 0; i--) {
                total += path.weight[start + i] / (zeroFraction * (depth - i));
            }
        }
        return total * (depth + 1);
    }

    /** Writes a tree's nodes from {@code next[0]} on, depth first; returns its root's index. */
    private int flatten(Node node, int[] next) {
        int index = next[0]++;
        cover[index] = node.size();
        switch (node) {
            case DecisionNode leaf -> {
                feature[index] = -1;
                leafValue[index] = leaf.posteriori(new double[leaf.count().length])[CONVERTS];
            }
            case OrdinalNode split -> {
                feature[index] = split.feature();
                threshold[index] = CompiledForest.thresholdOf(split);
                yes[index] = flatten(split.trueChild(), next);
                no[index] = flatten(split.falseChild(), next);
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

    private static int depthOf(Node node) {
        return node instanceof InternalNode split
                ? 1 + Math.max(depthOf(split.trueChild()), depthOf(split.falseChild()))
                : 0;
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
