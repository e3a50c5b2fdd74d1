package com.smoft.crm.memory;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * The customers being written in this process: a write holds its customers until it ends, and another write of any of
 * them waits until then, while writes of other customers go on side by side. One instance is shared by the memory's
 * writes and erasures and the outcomes' recordings, so that an erasure never runs beside a recording of the same
 * customer (whose outcome would outlive it). On H2, which this process alone writes, it is the only lock a memory
 * write needs; on PostgreSQL the rows are locked as well, for the other replicas.
 */
@Component
@ConditionalOnBooleanProperty(name = "crm.memory.enabled", matchIfMissing = true)
public class CustomerHolds {

    private final Set<String> held = new HashSet<>();

    /**
     * Runs {@code write} once none of {@code customers} is held by another write, holding them all until it ends.
     *
     * @throws DataAccessResourceFailureException when interrupted while waiting
     */
    public <T> T holding(Set<String> customers, Supplier<T> write) {
        hold(customers);
        try {
            return write.get();
        } finally {
            letGo(customers);
        }
    }

    private synchronized void hold(Set<String> customers) {
        while (customers.stream().anyMatch(held::contains)) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DataAccessResourceFailureException("Interrupted while waiting to write", e);
            }
        }
        held.addAll(customers);
    }

    private synchronized void letGo(Set<String> customers) {
        held.removeAll(customers);
        notifyAll();
    }
}
