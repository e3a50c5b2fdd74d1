package db.migration;

import db.support.PostgresOnlyMigration;

/**
 * The table whose lock an erasure and the writes of the memory on other replicas meet at
 * ({@code com.smoft.crm.memory.ErasureGuard}), on PostgreSQL: no column, no row, its lock alone is used. H2 is written
 * by one process, which holds its customers itself: nothing there.
 */
public class V10__erasure_guard extends PostgresOnlyMigration {

    @Override
    protected String statement() {
        return "CREATE TABLE erasure_guard ()";
    }
}
