package com.smoft.crm.scoring;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.stream.IntStream;
import smile.classification.RandomForest;
import smile.model.cart.DecisionNode;
import smile.model.cart.InternalNode;
import smile.model.cart.Node;
import smile.model.cart.OrdinalNode;

/**
 * A trained random forest flattened into primitive arrays, the serving path.
 *
 * <p>Smile's {@code predict} walks object trees through {@code Tuple}s. Here every node of every tree
 * is a slot in parallel arrays, laid out breadth-first with the two children of a node side by side:
 * the next node is {@code child + (value > threshold ? 1 : 0)}, with no branch to mispredict. A leaf
 * points to itself with an infinite threshold, so every walk of a tree takes exactly that tree's depth
 * in steps. Batches are scored tree by tree over blocks of customers, so each tree (a few kilobytes)
 * stays in the CPU's first-level cache, and several walks are in flight at once.
 *
 * <p>It reproduces Smile's arithmetic (each tree's Laplace-smoothed leaf posterior, weighted by the
 * tree's out-of-bag accuracy, normalised by the total weight, summed in tree order), so both give the
 * same probability.
 */
public final class CompiledForest {

    private static final int BLOCK = 64;
    private static final Field ORDINAL_THRESHOLD = ordinalThresholdField();

    private final int[] roots;
    private final int[] depths;
    private final int[] feature;
    private final double[] threshold;
    private final int[] child;
    private final double[] leafValue;
    private final int width;
    private int size;
    private int maxDepth;

    private CompiledForest(int capacity, int trees, int width) {
        roots = new int[trees];
        depths = new int[trees];
        feature = new int[capacity];
        threshold = new double[capacity];
        child = new int[capacity];
        leafValue = new double[capacity];
        this.width = width;
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
        CompiledForest compiled =
                new CompiledForest(capacity, models.length, forest.schema().length());
        for (int t = 0; t < models.length; t++) {
            compiled.addTree(t, models[t].tree().root(), models[t].weight() / totalWeight);
        }
        return compiled;
    }

    /** The forest's vote share for "converts" of one vector of signals in {@link Feature} order. */
    public double voteShare(double[] signals) {
        double sum = 0;
        int t = 0;
        // Four trees side by side, as voteShares walks eight customers: independent chains of loads the CPU
        // can overlap. Leaves point to themselves, so a walk that is done marks time until the deepest is.
        for (; t + 3 < roots.length; t += 4) {
            int n0 = roots[t], n1 = roots[t + 1], n2 = roots[t + 2], n3 = roots[t + 3];
            int depth = Math.max(Math.max(depths[t], depths[t + 1]), Math.max(depths[t + 2], depths[t + 3]));
            for (int step = depth; step > 0; step--) {
                n0 = child[n0] + (signals[feature[n0]] > threshold[n0] ? 1 : 0);
                n1 = child[n1] + (signals[feature[n1]] > threshold[n1] ? 1 : 0);
                n2 = child[n2] + (signals[feature[n2]] > threshold[n2] ? 1 : 0);
                n3 = child[n3] + (signals[feature[n3]] > threshold[n3] ? 1 : 0);
            }
            // Added one by one in tree order, as voteShares adds them: both paths give the same bits.
            sum += leafValue[n0];
            sum += leafValue[n1];
            sum += leafValue[n2];
            sum += leafValue[n3];
        }
        for (; t < roots.length; t++) {
            int node = roots[t];
            while (child[node] != node) {
                node = child[node] + (signals[feature[node]] > threshold[node] ? 1 : 0);
            }
            sum += leafValue[node];
        }
        return sum;
    }

    /**
     * Vote shares of many customers at once.
     *
     * @param signals the customers' signals, {@link Feature} order, one customer after another
     * @param from    the first customer to score
     * @param to      one past the last customer to score
     * @param shares  receives each customer's vote share at the customer's index
     */
    public void voteShares(double[] signals, int from, int to, double[] shares) {
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            Arrays.fill(shares, start, end, 0.0);
            for (int t = 0; t < roots.length; t++) {
                int root = roots[t];
                int depth = depths[t];
                int i = start;
                // Eight walks side by side: independent chains of loads the CPU can overlap.
                for (; i + 7 < end; i += 8) {
                    int r0 = i * width;
                    int n0 = root, n1 = root, n2 = root, n3 = root, n4 = root, n5 = root, n6 = root, n7 = root;
                    for (int step = depth; step > 0; step--) {
                        n0 = child[n0] + (signals[r0 + feature[n0]] > threshold[n0] ? 1 : 0);
                        n1 = child[n1] + (signals[r0 + width + feature[n1]] > threshold[n1] ? 1 : 0);
                        n2 = child[n2] + (signals[r0 + 2 * width + feature[n2]] > threshold[n2] ? 1 : 0);
                        n3 = child[n3] + (signals[r0 + 3 * width + feature[n3]] > threshold[n3] ? 1 : 0);
                        n4 = child[n4] + (signals[r0 + 4 * width + feature[n4]] > threshold[n4] ? 1 : 0);
                        n5 = child[n5] + (signals[r0 + 5 * width + feature[n5]] > threshold[n5] ? 1 : 0);
                        n6 = child[n6] + (signals[r0 + 6 * width + feature[n6]] > threshold[n6] ? 1 : 0);
                        n7 = child[n7] + (signals[r0 + 7 * width + feature[n7]] > threshold[n7] ? 1 : 0);
                    }
                    shares[i] += leafValue[n0];
                    shares[i + 1] += leafValue[n1];
                    shares[i + 2] += leafValue[n2];
                    shares[i + 3] += leafValue[n3];
                    shares[i + 4] += leafValue[n4];
                    shares[i + 5] += leafValue[n5];
                    shares[i + 6] += leafValue[n6];
                    shares[i + 7] += leafValue[n7];
                }
                for (; i < end; i++) {
                    int node = root;
                    int row = i * width;
                    for (int step = depth; step > 0; step--) {
                        node = child[node] + (signals[row + feature[node]] > threshold[node] ? 1 : 0);
                    }
                    shares[i] += leafValue[node];
                }
            }
        }
    }

    /** The most variants {@link #variantVoteShares} scores in one call: one bit of a {@code long} each. */
    public static final int MAX_VARIANTS = Long.SIZE;

    /**
     * Up to this many variants are walked one by one, as {@link #voteShare} walks one customer: too few share enough
     * of their walks to pay for walking them together.
     */
    private static final int FEW_VARIANTS = 4;

    /**
     * Vote shares of variants of one customer: rows that differ in a few signals only, such as the customer after
     * each combination of a rep's actions. Each tree is walked once for all of them, the rows travelling together as a
     * bit set and parting only at a split where their values part; each row then gets exactly the leaves, added in
     * tree order, that {@link #voteShare} adds for it alone, so both give the same bits. A handful of variants are
     * simply walked one by one.
     *
     * @param signals the variants' signals, {@link Feature} order, one variant after another
     * @param count   how many variants, at most {@value #MAX_VARIANTS}
     * @param shares  receives each variant's vote share at its index
     */
    public void variantVoteShares(double[] signals, int count, double[] shares) {
        if (count < 1 || count > MAX_VARIANTS) {
            throw new IllegalArgumentException("1 to " + MAX_VARIANTS + " variants at a time, got " + count);
        }
        if (count <= FEW_VARIANTS) {
            for (int row = 0; row < count; row++) {
                shares[row] = voteShare(Arrays.copyOfRange(signals, row * width, (row + 1) * width));
            }
            return;
        }
        // Per signal, the variants' distinct values in ascending order, and for each of them the variants whose value
        // is at least that one: the variants above a threshold are then one search and one mask away.
        double[][] values = new double[width][];
        long[][] atLeast = new long[width][];
        long all = count == MAX_VARIANTS ? -1L : (1L << count) - 1;
        for (int f = 0; f < width; f++) {
            double first = signals[f];
            boolean same = true;
            for (int row = 1; row < count && same; row++) {
                same = signals[row * width + f] == first;
            }
            if (same) {
                values[f] = new double[] {first};
                atLeast[f] = new long[] {all, 0};
                continue;
            }
            double[] sorted = new double[count];
            for (int row = 0; row < count; row++) {
                sorted[row] = signals[row * width + f];
            }
            Arrays.sort(sorted);
            int distinct = 0;
            for (int i = 0; i < count; i++) {
                if (distinct == 0 || sorted[i] != sorted[distinct - 1]) {
                    sorted[distinct++] = sorted[i];
                }
            }
            values[f] = Arrays.copyOf(sorted, distinct);
            long[] masks = new long[distinct + 1];
            for (int row = 0; row < count; row++) {
                int index = Arrays.binarySearch(values[f], signals[row * width + f]);
                masks[index] |= 1L << row;
            }
            for (int i = distinct - 1; i >= 0; i--) {
                masks[i] |= masks[i + 1];
            }
            atLeast[f] = masks;
        }
        Arrays.fill(shares, 0, count, 0.0);
        int[] pendingNodes = new int[maxDepth + 2];
        long[] pendingRows = new long[maxDepth + 2];
        for (int t = 0; t < roots.length; t++) {
            int pending = 0;
            pendingNodes[pending] = roots[t];
            pendingRows[pending++] = all;
            while (pending > 0) {
                int node = pendingNodes[--pending];
                long rows = pendingRows[pending];
                if (child[node] == node) {
                    double leaf = leafValue[node];
                    for (long left = rows; left != 0; left &= left - 1) {
                        shares[Long.numberOfTrailingZeros(left)] += leaf;
                    }
                    continue;
                }
                int f = feature[node];
                long above = rows & atLeast[f][firstAbove(values[f], threshold[node])];
                long below = rows & ~above;
                if (below != 0) {
                    pendingNodes[pending] = child[node];
                    pendingRows[pending++] = below;
                }
                if (above != 0) {
                    pendingNodes[pending] = child[node] + 1;
                    pendingRows[pending++] = above;
                }
            }
        }
    }

    /** The distinct thresholds of the splits on one signal ({@link Feature} order), ascending. */
    public double[] thresholdsOf(int signal) {
        return IntStream.range(0, size)
                .filter(node -> child[node] != node && feature[node] == signal)
                .mapToDouble(node -> threshold[node])
                .sorted()
                .distinct()
                .toArray();
    }

    /** The index of the first of ascending values greater than the threshold, or their count when none is. */
    private static int firstAbove(double[] ascending, double threshold) {
        int low = 0;
        int high = ascending.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ascending[middle] > threshold) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    /** Number of trees. */
    public int trees() {
        return roots.length;
    }

    /** Number of nodes over all trees. */
    public int nodes() {
        return size;
    }

    /** Lays a tree out breadth-first, children of a node in adjacent slots (the true child first). */
    private void addTree(int tree, Node root, double treeWeight) {
        roots[tree] = size;
        Deque<Node> queue = new ArrayDeque<>();
        Deque<Integer> levels = new ArrayDeque<>();
        queue.add(root);
        levels.add(0);
        int maxDepth = 0;
        int next = size + 1;
        while (!queue.isEmpty()) {
            Node node = queue.poll();
            int level = levels.poll();
            int index = size++;
            switch (node) {
                case DecisionNode leaf -> {
                    double[] posteriori = leaf.posteriori(new double[leaf.count().length]);
                    feature[index] = 0;
                    threshold[index] = Double.POSITIVE_INFINITY;
                    child[index] = index;
                    leafValue[index] = treeWeight * posteriori[1];
                    maxDepth = Math.max(maxDepth, level);
                }
                case OrdinalNode split -> {
                    feature[index] = split.feature();
                    threshold[index] = thresholdOf(split);
                    child[index] = next;
                    next += 2;
                    queue.add(split.trueChild());
                    queue.add(split.falseChild());
                    levels.add(level + 1);
                    levels.add(level + 1);
                }
                default ->
                    throw new IllegalArgumentException("cannot compile a "
                            + node.getClass().getSimpleName() + ": the model has only numeric signals");
            }
        }
        depths[tree] = maxDepth;
        this.maxDepth = Math.max(this.maxDepth, maxDepth);
    }

    private static int countNodes(Node node) {
        return node instanceof InternalNode split
                ? 1 + countNodes(split.trueChild()) + countNodes(split.falseChild())
                : 1;
    }

    /** A split's threshold, exactly: the value a signal at most of goes to its true child. */
    static double thresholdOf(OrdinalNode split) {
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
