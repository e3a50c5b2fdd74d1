package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Customer ids compared byte by byte on PostgreSQL ({@code COLLATE "C"}): in code point order. Every index of the
 * memory starts with a customer id, and every write looks up and inserts thousands of them: under the database's
 * linguistic collation each comparison goes through {@code strcoll}, which perf showed as 6% of the machine's samples
 * in a batch of new customers, PostgreSQL's processes taking 45%. With bytes compared, a 10 000-customer write of new
 * customers took 172-184 ms instead of 213-290 ms in {@code psql}. Ids are codes, not words: no reader expects them in
 * dictionary order. Leads of equal score now list in the same order on PostgreSQL as on H2, which compares UTF-16
 * units, but for characters beyond U+FFFF (emoji, rare CJK): H2 puts them before those from U+E000 to U+FFFF (full-
 * width forms, compatibility ideographs), PostgreSQL after.
 *
 * <p>Changing a column's collation rebuilds the indexes that hold it, under a lock that holds off reads and writes of
 * the table: on a large memory the migration takes as long as building those indexes (29 s for 30 000 000 points;
 * docs/deployment.md says what that means for a rollout). Replicas of the previous version then go on: their staging
 * tables keep the database's collation, and PostgreSQL still joins them with the altered tables by their indexes,
 * equality not depending on a deterministic collation. On H2 it does nothing.
 */
public class V8__customer_ids_compared_bytewise extends BaseJavaMigration {

    /** The one database it acts on, as its driver names it. */
    private static final String DATABASE = "PostgreSQL";

    /** Every table that holds a customer id, and so every index that starts with one. */
    private static final List<String> STATEMENTS =
            List.of("lead_point", "lead_state", "lead_change", "lead_erasure", "lead_outcome", "event_outbox").stream()
                    .map(table -> "ALTER TABLE " + table + " ALTER COLUMN customer_id TYPE VARCHAR(128) COLLATE \"C\"")
                    .toList();

    /**
     * Every table altered, locked first and at once, in the order the memory's writes take them (the erasures read,
     * the state locked, then the changes, the events, the points). Altered one after the other instead, the first
     * table held while the second was awaited, a write holding the second and wanting the first deadlocked with the
     * migration, which then failed the start (the hostile review, twice in two tries under batches).
     */
    private static final String LOCKS = "LOCK TABLE lead_erasure, lead_state, lead_change, event_outbox, lead_point,"
            + " lead_outcome IN ACCESS EXCLUSIVE MODE";

    /**
     * How long each of the tables' locks is awaited before all are let go and asked for again, the writers served
     * meanwhile: a try holds the tables it has for at most this much per table still to come.
     */
    private static final String LOCK_WAIT = "SET LOCAL lock_timeout = '1s'";

    private static final Duration LOCK_PAUSE = Duration.ofMillis(200);

    /** How long the migration asks for its locks before it gives up, failing the start (the next start tries again). */
    private static final Duration LOCK_DEADLINE = Duration.ofSeconds(40);

    /** A lock not had in time, or a deadlock with a transaction that takes the tables in another order. */
    private static final Set<String> BUSY = Set.of("55P03", "40P01");

    /**
     * What this migration does, for Flyway's validation to compare with what it recorded when it ran (a Java
     * migration has no checksum otherwise): the database it acts on and its statements; how it takes its locks changes
     * nothing of what it leaves.
     */
    @Override
    public Integer getChecksum() {
        return (DATABASE + ": " + String.join("; ", STATEMENTS)).hashCode();
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (!DATABASE.equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(LOCK_WAIT);
            long giveUp = System.nanoTime() + LOCK_DEADLINE.toNanos();
            while (true) {
                Savepoint beforeLocks = connection.setSavepoint();
                try {
                    statement.execute(LOCKS);
                    break;
                } catch (SQLException busy) {
                    if (!BUSY.contains(busy.getSQLState())) {
                        throw busy;
                    }
                    if (System.nanoTime() - giveUp > 0) {
                        throw new SQLException(
                                "V8 could not lock the memory's tables within " + LOCK_DEADLINE.toSeconds()
                                        + " s: other transactions held them (" + busy.getMessage() + ")",
                                busy.getSQLState(),
                                busy);
                    }
                    // Every lock taken so far let go, so that the writers waiting on them finish; then again.
                    connection.rollback(beforeLocks);
                    Thread.sleep(LOCK_PAUSE.toMillis());
                }
            }
            for (String alter : STATEMENTS) {
                statement.execute(alter);
            }
        }
    }
}
