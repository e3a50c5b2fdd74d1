package com.smoft.crm.training;

import com.smoft.crm.scoring.SegmentThresholds;

/**
 * What the training command can be told.
 *
 * @param trees    number of trees of the forest
 * @param maxDepth maximum depth of a tree
 * @param nodeSize minimum customers in a leaf: larger leaves give smoother, better calibrated votes
 * @param seed     seed of the split, of every tree and of the sample data
 * @param thresholds the segment thresholds of the Hot precision and recall, recorded in the card
 */
record TrainingOptions(int trees, int maxDepth, int nodeSize, long seed, SegmentThresholds thresholds) {

    static final TrainingOptions DEFAULT = new TrainingOptions(100, 12, 20, 42L, SegmentThresholds.DEFAULT);

    TrainingOptions {
        if (trees < 1 || maxDepth < 2 || nodeSize < 1) {
            throw new IllegalArgumentException("need trees >= 1, max depth >= 2 and node size >= 1");
        }
    }

    TrainingOptions withTrees(int newTrees) {
        return new TrainingOptions(newTrees, maxDepth, nodeSize, seed, thresholds);
    }

    TrainingOptions withSeed(long newSeed) {
        return new TrainingOptions(trees, maxDepth, nodeSize, newSeed, thresholds);
    }
}
