package com.smoft.crm.memory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where an erasure and the writes of the memory meet on PostgreSQL when they come from different replicas, so that
 * nothing written of a customer outlives his erasure. A customer's holds ({@link CustomerHolds}) serve one process
 * only, and his state row only once he has one: a new customer's score or outcome written on one replica while his
 * erasure committed on another went through (177 of 200 such scores outlived their erasure). Every memory write and
 * outcome recording first takes the lock of the empty table {@code erasure_guard} (migration {@code V10}) in a mode
 * writes share with each other, an erasure in a mode they exclude: an erasure waits for the writes in flight, which
 * it then deletes, and the writes that come after wait for it, then see it.
 *
 * <p>A table's lock, not rows: {@code LOCK TABLE} first in a transaction does not fix its snapshot, so a write on one
 * snapshot that waited sees the erasure, where a locked row fixed it before the wait and failed the write on the
 * erasure's commit (five tries spent under an erasure storm, scores of other customers lost, hostile review); and
 * PostgreSQL queues table locks in order, where share-locks of rows overtook a waiting erasure for as long as writes
 * came (41 s). The writes that come while an erasure waits queue behind it: it gives way after
 * {@value #ERASURE_LOCK_WAIT} and tries again.
 *
 * <p>PostgreSQL only: on H2 this process alone writes, and its holds are enough.
 */
public final class ErasureGuard {

    /** The longest an erasure waits for one lock before it gives way to the writes queued behind it. */
    static final String ERASURE_LOCK_WAIT = "2s";

    private ErasureGuard() {}

    /**
     * Lets no erasure run until this write's transaction ends: before the write reads or writes anything of the memory
     * (the first statement of a write on one snapshot, which it must see the erasure in).
     */
    public static void write(JdbcClient jdbc) {
        jdbc.sql("LOCK TABLE erasure_guard IN ROW EXCLUSIVE MODE").update();
    }

    /**
     * Waits for the writes in flight, and lets no write start until this erasure's transaction ends. The writes that
     * come meanwhile queue behind it: it waits for a lock, the guard's or a row's, {@value #ERASURE_LOCK_WAIT} at most
     * (a lock timeout, tried again by the caller), so that a long write in flight (a recording of 100 000 outcomes, a
     * row locked by another session) holds the other writes that long, not as long as itself (hostile re-check: 12
     * minutes behind a recording).
     */
    static void erase(JdbcClient jdbc) {
        jdbc.sql("SET LOCAL lock_timeout = '" + ERASURE_LOCK_WAIT + "'").update();
        jdbc.sql("LOCK TABLE erasure_guard IN SHARE MODE").update();
    }
}
