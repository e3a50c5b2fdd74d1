package com.smoft.crm.scoring;

import java.util.List;

/**
 * Why a customer got their score.
 *
 * <p>The forest's TreeSHAP contributions split the customer's vote share, minus the forest's average
 * vote share (the base value), among the seven signals. They are then rescaled into score points so
 * that the base score plus every signal's impact equals the customer's score (before rounding).
 *
 * @param baseScore the score of the forest's average output, where every explanation starts
 * @param raised    up to three signals that raised the score, strongest first
 * @param lowered   up to three signals that lowered it, strongest first
 */
public record Explanation(double baseScore, List<Reason> raised, List<Reason> lowered) {}
