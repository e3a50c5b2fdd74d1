package com.smoft.crm.memory;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * The customers being written in this process, so that two writes that must not run side by side take turns while
 * writes of other customers go on: the memory's writes of the same customers take turns (on H2, which this process
 * alone writes, it is the only lock they need), as do recordings of outcomes of the same customers, and an erasure
 * waits for both and holds both off (an outcome recorded beside its customer's erasure would outlive it). A memory
 * write never waits for a recording of outcomes: one does not read what the other writes, and a long recording would
 * otherwise hold every batch behind it.
 */
@Component
@ConditionalOnBooleanProperty(name = "crm.memory.enabled", matchIfMissing = true)
public class CustomerHolds {

    private final Set<String> written = new HashSet<>();
    private final Set<String> recorded = new HashSet<>();

    /** Runs a memory write of {@code customers} once no other write or erasure of any of them runs. */
    public <T> T writing(Set<String> customers, Supplier<T> write) {
        return holding(customers, write, true, false);
    }

    /** Runs a recording of outcomes of {@code customers} once no other recording or erasure of any of them runs. */
    public <T> T recording(Set<String> customers, Supplier<T> record) {
        return holding(customers, record, false, true);
    }

    /** Runs an erasure of {@code customer} once no write, recording or erasure of him runs. */
    public <T> T erasing(String customer, Supplier<T> erase) {
        return holding(Set.of(customer), erase, true, true);
    }

    private <T> T holding(Set<String> customers, Supplier<T> work, boolean write, boolean record) {
        hold(customers, write, record);
        try {
            return work.get();
        } finally {
            letGo(customers, write, record);
        }
    }

    private synchronized void hold(Set<String> customers, boolean write, boolean record) {
        while (customers.stream()
                .anyMatch(customer -> write && written.contains(customer) || record && recorded.contains(customer))) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DataAccessResourceFailureException("Interrupted while waiting to write", e);
            }
        }
        if (write) {
            written.addAll(customers);
        }
        if (record) {
            recorded.addAll(customers);
        }
    }

    private synchronized void letGo(Set<String> customers, boolean write, boolean record) {
        if (write) {
            written.removeAll(customers);
        }
        if (record) {
            recorded.removeAll(customers);
        }
        notifyAll();
    }
}
