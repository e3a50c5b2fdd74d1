package com.smoft.crm.scoring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * What a reader found wrong, capped: the first {@value #MAX_LISTED} items in the order they were found, and how many
 * there were in all. Every reader of customers (the JSON and CSV batches, {@code train}'s history) collects its
 * problems, or the rows it leaves out, in one of these, so that a file of a million bad rows costs a short answer
 * and every reader lists the same number.
 *
 * @param <T> a {@link RecordProblem}, or a row left out with its problems
 */
public final class ProblemList<T> {

    /** Items listed at most; {@link #total()} counts the rest. */
    public static final int MAX_LISTED = 1000;

    private final List<T> listed = new ArrayList<>();
    private final ToIntFunction<? super T> problemsOf;
    private int total;
    private int problems;

    /** A list of problems, each one problem. */
    public ProblemList() {
        this(item -> 1);
    }

    /** A list of items that each hold {@code problemsOf} problems (a row left out with its bad values). */
    public ProblemList(ToIntFunction<? super T> problemsOf) {
        this.problemsOf = problemsOf;
    }

    /** Counts an item, and lists it while fewer than {@value #MAX_LISTED} are. */
    public void add(T item) {
        total++;
        problems += problemsOf.applyAsInt(item);
        if (listed.size() < MAX_LISTED) {
            listed.add(item);
        }
    }

    /** Adds each item, in order. */
    public void addAll(Iterable<? extends T> items) {
        items.forEach(this::add);
    }

    /** Counts items found but not given one by one (beyond another list's cap). */
    public void countUnlisted(int count) {
        total += count;
        problems += count;
    }

    /** The problems the items hold in all, listed or not. */
    public int problems() {
        return problems;
    }

    /** The problems the listed items hold. */
    public int listedProblems() {
        return listed.stream().mapToInt(problemsOf).sum();
    }

    /** The items listed, at most {@value #MAX_LISTED}, in the order they were added. */
    public List<T> listed() {
        return Collections.unmodifiableList(listed);
    }

    /** How many items were added or counted in all. */
    public int total() {
        return total;
    }

    /** Whether nothing was added. */
    public boolean isEmpty() {
        return total == 0;
    }

    /** Whether some items were counted but not listed. */
    public boolean truncated() {
        return total > listed.size();
    }
}
