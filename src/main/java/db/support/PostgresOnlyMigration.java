package db.support;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A migration of one statement that PostgreSQL needs and H2 has no use for: it runs there and does nothing on H2, so
 * that the same migrations run on every database. Outside {@code db.migration}, where Flyway looks for migrations.
 */
public abstract class PostgresOnlyMigration extends BaseJavaMigration {

    /** The one database it acts on, as its driver names it. */
    private static final String DATABASE = "PostgreSQL";

    /** The statement run on PostgreSQL. */
    protected abstract String statement();

    /**
     * What this migration does, for Flyway's validation to compare with what it recorded when it ran (a Java migration
     * has no checksum otherwise): the database it acts on and its statement.
     */
    @Override
    public Integer getChecksum() {
        return (DATABASE + ": " + statement()).hashCode();
    }

    @Override
    public void migrate(Context context) throws Exception {
        if (!DATABASE.equals(context.getConnection().getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(statement());
        }
    }
}
