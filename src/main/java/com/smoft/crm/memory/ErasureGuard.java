package com.smoft.crm.memory;

import java.util.Collection;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where an erasure and the writes of the same customer meet on PostgreSQL when they come from different replicas, so
 * that nothing written of a customer outlives his erasure. A customer's holds ({@link CustomerHolds}) serve one
 * process only, and his state row only once he has one: a new customer's score or outcome written on one replica,
 * his erasure committed on another meanwhile, both went through (177 of 200 such scores outlived their erasure). Each
 * customer falls in one of {@link #BUCKETS} rows of {@code erasure_guard} (migration {@code V10}); a write or a
 * recording share-locks its customers' rows before it reads anything, an erasure updates its customer's row first.
 * So an erasure waits for the writes in flight of its bucket, which it then deletes, and those that come after wait
 * for it and see it (a write on its one snapshot is tried again, its snapshot older than the erasure). Rows, not
 * advisory locks: a 100 000-outcome recording would need more of those than PostgreSQL's lock table holds.
 *
 * <p>PostgreSQL only: on H2 this process alone writes, and its holds are enough.
 */
public final class ErasureGuard {

    /**
     * The guard's rows. More rows, fewer writes an erasure waits for that are not of its customer; a large write
     * locks at most this many. Changing it takes a new migration (V10's checksum holds it).
     */
    public static final int BUCKETS = 256;

    private ErasureGuard() {}

    /** Share-locks the guard's rows of {@code customers}, in order; the first statement of the transaction. */
    public static void share(JdbcClient jdbc, Collection<String> customers) {
        TreeSet<Integer> buckets = new TreeSet<>();
        customers.forEach(customer -> buckets.add(bucketOf(customer)));
        jdbc.sql("SELECT bucket FROM erasure_guard WHERE bucket = ANY (?) ORDER BY bucket FOR SHARE")
                .param(buckets.toArray(Integer[]::new))
                .query(Integer.class)
                .list();
    }

    /** Takes the guard's row of {@code customer} for an erasure: every write of its bucket waits, or is waited for. */
    static void exclude(JdbcClient jdbc, String customer) {
        jdbc.sql("UPDATE erasure_guard SET erasures = erasures + 1 WHERE bucket = ?")
                .param(bucketOf(customer))
                .update();
    }

    /** The guard's row of a customer: Java's string hash, the same in every replica. */
    static int bucketOf(String customer) {
        return Math.floorMod(customer.hashCode(), BUCKETS);
    }
}
