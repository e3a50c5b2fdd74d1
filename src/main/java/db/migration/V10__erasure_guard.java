package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The table whose lock an erasure and the writes of the memory on other replicas meet at
 * ({@code com.smoft.crm.memory.ErasureGuard}), on PostgreSQL: no column, no row, its lock alone is used. H2 is written
 * by one process, which holds its customers itself: nothing there.
 */
public class V10__erasure_guard extends BaseJavaMigration {

    /** The one database it acts on, as its driver names it. */
    private static final String DATABASE = "PostgreSQL";

    private static final String STATEMENT = "CREATE TABLE erasure_guard ()";

    /**
     * What this migration does, for Flyway's validation to compare with what it recorded when it ran: the database it
     * acts on and its statement.
     */
    @Override
    public Integer getChecksum() {
        return (DATABASE + ": " + STATEMENT).hashCode();
    }

    @Override
    public void migrate(Context context) throws Exception {
        if (!DATABASE.equals(context.getConnection().getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(STATEMENT);
        }
    }
}
