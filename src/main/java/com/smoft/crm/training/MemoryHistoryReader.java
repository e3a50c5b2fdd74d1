package com.smoft.crm.training;

import com.smoft.crm.scoring.Customer;
import com.smoft.crm.scoring.CustomerId;
import com.smoft.crm.scoring.ModelCard;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the training history from the memory's outcomes (table {@code lead_outcome}, migration
 * {@code V3__lead_outcome.sql}): each outcome matched with a score is one customer, his eight inputs as they were at
 * that score, converted when the outcome is {@code converted} and not when it is {@code lost}. Outcomes without a
 * matched score are counted, not trained on. The outcomes are read in time order (then by id, so that the same memory
 * always gives the same history and the same model) through a forward-only cursor, a few thousand rows at a time:
 * what stays in memory is the history itself. Reads only; a read-only database role is enough.
 */
final class MemoryHistoryReader {

    /** Rows the driver fetches at a time: PostgreSQL otherwise loads the whole result before the first row. */
    static final int FETCH_SIZE = 5_000;

    private static final String MATCHED = "SELECT id, outcome, occurred_at, days_since_last_contact, total_contacts,"
            + " total_spent, emails_sent, emails_opened, website_visits, customer_age_days FROM lead_outcome"
            + " WHERE scored_at IS NOT NULL ORDER BY occurred_at, id";

    private static final String UNMATCHED = "SELECT COUNT(*) FROM lead_outcome WHERE scored_at IS NULL";

    /** H2's error codes for a database file that is not there, and one another process holds. */
    private static final int H2_NOT_FOUND = 90146;

    private static final int H2_NOT_FOUND_NO_IF_EXISTS = 90013;
    private static final int H2_IN_USE = 90020;
    /** H2's error codes of a missing table: alone, with names of similar tables, in an empty database. */
    private static final List<Integer> H2_NO_SUCH_TABLE = List.of(42102, 42103, 42104);
    /** SQLSTATE of a missing database, and of a missing table, on PostgreSQL. */
    private static final String NO_SUCH_DATABASE = "3D000";

    private static final String NO_SUCH_TABLE = "42P01";

    private MemoryHistoryReader() {}

    /**
     * The history read from the memory.
     *
     * @param customers one per matched outcome, in time order
     * @param memory    which outcomes they are, for the card
     * @param unmatched outcomes left out for lack of a matched score
     */
    record History(List<LabeledCustomer> customers, ModelCard.MemoryHistory memory, long unmatched) {}

    /**
     * Reads every matched outcome.
     *
     * @throws TrainingDataException when the database cannot be opened, has not been migrated to the outcomes, or
     *                               holds no matched outcome
     */
    static History read(MemoryDatabase database) {
        Connection connection;
        try {
            connection = database.connect();
        } catch (SQLException e) {
            throw new TrainingDataException(cannotOpen(database, e));
        }
        try (connection) {
            connection.setReadOnly(true);
            // A cursor on PostgreSQL needs a transaction; it is rolled back, nothing having been written.
            connection.setAutoCommit(false);
            long unmatched = unmatched(connection);
            History history = matched(connection, unmatched);
            connection.rollback();
            if (history.customers().isEmpty()) {
                throw new TrainingDataException("the memory at " + database.address()
                        + (unmatched == 0
                                ? " holds no outcome yet"
                                : " holds no outcome matched with a score (" + unmatched
                                        + (unmatched == 1 ? " outcome" : " outcomes")
                                        + " without a score of the customer in the window before it)")
                        + ": record what happened to scored customers with POST /api/outcomes, then train again");
            }
            return history;
        } catch (SQLException e) {
            if (NO_SUCH_TABLE.equals(e.getSQLState()) || H2_NO_SUCH_TABLE.contains(e.getErrorCode())) {
                throw new TrainingDataException("the memory at " + database.address() + " has no outcomes table "
                        + "(lead_outcome): its database has not been migrated to this version yet. Start the server of "
                        + "this version once on it (it migrates the database at start), then train again");
            }
            throw new TrainingDataException(
                    "the memory at " + database.address() + " could not be read: " + firstLine(e));
        }
    }

    private static long unmatched(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(UNMATCHED);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static History matched(Connection connection, long unmatched) throws SQLException {
        List<LabeledCustomer> customers = new ArrayList<>();
        OffsetDateTime first = null;
        OffsetDateTime last = null;
        int converted = 0;
        try (PreparedStatement statement =
                connection.prepareStatement(MATCHED, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long id = rows.getLong(1);
                    boolean isConverted = "converted".equals(rows.getString(2));
                    last = rows.getObject(3, OffsetDateTime.class);
                    if (first == null) {
                        first = last;
                    }
                    customers.add(new LabeledCustomer(customer(id, rows), isConverted));
                    converted += isConverted ? 1 : 0;
                }
            }
        }
        ModelCard.MemoryHistory memory = first == null
                ? null
                : new ModelCard.MemoryHistory(
                        first.toInstant().toString(),
                        last.toInstant().toString(),
                        customers.size(),
                        converted,
                        customers.size() - converted);
        return new History(customers, memory, unmatched);
    }

    /** The inputs of an outcome's matched score, the customer named by the outcome's id. */
    private static Customer customer(long id, ResultSet rows) throws SQLException {
        try {
            return new Customer(
                    CustomerId.of(id),
                    whole(rows, 4, id),
                    whole(rows, 5, id),
                    decimal(rows, 6, id),
                    whole(rows, 7, id),
                    whole(rows, 8, id),
                    whole(rows, 9, id),
                    whole(rows, 10, id));
        } catch (IllegalArgumentException e) {
            throw new TrainingDataException("outcome " + id + " of the memory cannot be trained on: " + e.getMessage());
        }
    }

    private static int whole(ResultSet rows, int column, long id) throws SQLException {
        int value = rows.getInt(column);
        requirePresent(rows, column, id);
        return value;
    }

    private static double decimal(ResultSet rows, int column, long id) throws SQLException {
        double value = rows.getDouble(column);
        requirePresent(rows, column, id);
        return value;
    }

    private static void requirePresent(ResultSet rows, int column, long id) throws SQLException {
        if (rows.wasNull()) {
            throw new TrainingDataException(String.format(
                    Locale.ROOT,
                    "outcome %d of the memory is matched with a score but has no %s: it cannot be trained on",
                    id,
                    rows.getMetaData().getColumnLabel(column).toLowerCase(Locale.ROOT)));
        }
    }

    private static String cannotOpen(MemoryDatabase database, SQLException e) {
        if (e.getErrorCode() == H2_NOT_FOUND
                || e.getErrorCode() == H2_NOT_FOUND_NO_IF_EXISTS
                || NO_SUCH_DATABASE.equals(e.getSQLState())) {
            return "there is no memory database at " + database.address() + ": the server makes it at its first "
                    + "start. Give train the server's own spring.datasource.url, .username and .password "
                    + "(--spring.datasource.url=... or SPRING_DATASOURCE_URL...), or run it from the server's folder "
                    + "(the embedded database is data/memory there)";
        }
        if (e.getErrorCode() == H2_IN_USE) {
            return "the memory's embedded database " + database.address() + " is open in a running server, and an "
                    + "embedded database file opens in one process at a time: stop the server, train, and start it "
                    + "again (or keep the memory in PostgreSQL, which train reads beside a running server)";
        }
        return "the memory's database at " + database.address() + " cannot be opened: "
                + firstLine(e).replaceFirst("\\.$", "")
                + ". Check that it answers and that spring.datasource.url, .username and .password "
                + "(SPRING_DATASOURCE_URL...) name it as they do for the server";
    }

    private static String firstLine(SQLException e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }
}
