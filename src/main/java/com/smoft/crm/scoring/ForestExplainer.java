package com.smoft.crm.scoring;

import smile.classification.DecisionTree;
import smile.classification.RandomForest;
import smile.data.Tuple;
import smile.data.type.StructType;
import smile.model.cart.DecisionNode;
import smile.model.cart.InternalNode;
import smile.model.cart.Node;

/**
 * TreeSHAP contributions of the forest's vote share for "converts".
 *
 * <p>Smile computes each tree's exact TreeSHAP values; its forest-level {@code shap} averages trees
 * equally, while the forest's prediction weights each tree by its out-of-bag accuracy. This class
 * weights the trees as the prediction does, so that the base value plus the contributions add up
 * to the very vote share the service calibrates.
 */
final class ForestExplainer {

    private static final int CONVERTS = 1;
    private static final int CLASSES = 2;

    private final DecisionTree[] trees;
    private final double[] treeWeights;
    private final StructType schema;
    private final double baseValue;

    ForestExplainer(RandomForest forest) {
        RandomForest.Model[] models = forest.models();
        trees = new DecisionTree[models.length];
        treeWeights = new double[models.length];
        double totalWeight = 0;
        for (RandomForest.Model model : models) {
            totalWeight += model.weight();
        }
        double base = 0;
        for (int t = 0; t < models.length; t++) {
            trees[t] = models[t].tree();
            treeWeights[t] = models[t].weight() / totalWeight;
            base += treeWeights[t] * expectedVote(trees[t].root());
        }
        schema = forest.schema();
        baseValue = base;
    }

    /** The forest's vote share averaged over its training customers, where every explanation starts. */
    double baseValue() {
        return baseValue;
    }

    /** Each signal's contribution to the vote share, in {@link Feature} order. */
    double[] contributions(double[] signals) {
        Tuple customer = Tuple.of(schema, signals);
        double[] contributions = new double[signals.length];
        for (int t = 0; t < trees.length; t++) {
            double[] phi = trees[t].shap(customer);
            for (int feature = 0; feature < contributions.length; feature++) {
                contributions[feature] += treeWeights[t] * phi[feature * CLASSES + CONVERTS];
            }
        }
        return contributions;
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
