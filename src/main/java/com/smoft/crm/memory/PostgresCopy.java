package com.smoft.crm.memory;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Loads rows into a table by PostgreSQL's COPY, the fastest way in: each value quoted as CSV, whatever it holds. The
 * one vendor-specific step of the memory's writes, shared by every repository that stages rows before set-based
 * statements.
 */
public final class PostgresCopy {

    private PostgresCopy() {}

    /**
     * Copies {@code rows} into {@code table}'s {@code columns} on a PostgreSQL connection.
     *
     * @param connection a connection to PostgreSQL (unwrapped here)
     * @param table      the table, usually the transaction's temporary one
     * @param columns    the columns, comma-separated, in the order of each row's values
     * @param rows       the values, none null
     */
    public static void copyIn(Connection connection, String table, String columns, List<Object[]> rows)
            throws SQLException, IOException {
        StringBuilder csv = new StringBuilder(rows.size() * 160);
        for (Object[] values : rows) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                csv.append('"')
                        .append(values[i].toString().replace("\"", "\"\""))
                        .append('"');
            }
            csv.append('\n');
        }
        new CopyManager(connection.unwrap(BaseConnection.class))
                .copyIn(
                        "COPY " + table + " (" + columns + ") FROM STDIN WITH (FORMAT csv)",
                        new StringReader(csv.toString()));
    }
}
