package db.migration;

import com.smoft.crm.memory.ErasureGuard;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The rows where an erasure and the writes of its customer on other replicas meet ({@link ErasureGuard}), on
 * PostgreSQL: one per bucket of customers, its count of erasures the column an erasure updates to take it. H2 is
 * written by one process, which holds its customers itself: nothing there.
 */
public class V10__erasure_guard extends BaseJavaMigration {

    /** The one database it acts on, as its driver names it. */
    private static final String DATABASE = "PostgreSQL";

    private static final String TABLE = "CREATE TABLE erasure_guard (bucket INTEGER NOT NULL,"
            + " erasures BIGINT NOT NULL, CONSTRAINT erasure_guard_pk PRIMARY KEY (bucket))";

    /**
     * What this migration does, for Flyway's validation to compare with what it recorded when it ran: the database,
     * the table and its number of rows.
     */
    @Override
    public Integer getChecksum() {
        return (DATABASE + ": " + TABLE + " x " + ErasureGuard.BUCKETS).hashCode();
    }

    @Override
    public void migrate(Context context) throws Exception {
        if (!DATABASE.equals(context.getConnection().getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(TABLE);
        }
        try (PreparedStatement insert = context.getConnection()
                .prepareStatement("INSERT INTO erasure_guard (bucket, erasures) VALUES (?, 0)")) {
            for (int bucket = 0; bucket < ErasureGuard.BUCKETS; bucket++) {
                insert.setInt(1, bucket);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
