package com.smoft.crm.memory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Makes what was committed survive a crash before an answer says it is kept. PostgreSQL syncs every commit to disk
 * itself. The embedded H2 database does not: a commit stays in the service's heap until H2's background writer saves
 * the store, up to {@code WRITE_DELAY} (500 ms) later, so a batch answered 200 and then the process killed was lost,
 * five times in five tries. Syncing every commit instead ({@code WRITE_DELAY=0}) took a remembered batch of new
 * customers from 3.8x to 5.0x memory off; once per answer costs no measurable time. The one owner of that rule:
 * every write an answer reports (a batch, an erasure, outcomes, an event) calls {@link #sync} after its transactions.
 */
public final class DurableWrites {

    private DurableWrites() {}

    /**
     * Writes H2's store to its file and syncs it ({@code CHECKPOINT SYNC}): every transaction committed so far then
     * survives the process and the machine. Nothing on PostgreSQL, nor on H2 in memory.
     *
     * @param dataSource the memory's database, outside any transaction
     * @throws DataAccessResourceFailureException when the database does not answer
     */
    public static void sync(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT SYNC");
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("The memory's writes could not be synced to disk", e);
        }
    }
}
