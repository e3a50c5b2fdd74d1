package com.smoft.crm.training;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The memory's database, which {@code train --from-memory} reads. The command runs without Spring: whoever starts it
 * ({@code CrmApplication}) gives it an {@link Opener} that names the database exactly as the server does, from the same
 * {@code spring.datasource.*} settings.
 */
public interface MemoryDatabase extends AutoCloseable {

    /**
     * A connection to the database; the caller closes it.
     *
     * @throws SQLException as the driver says it when the database cannot be reached or opened
     */
    Connection connect() throws SQLException;

    /** Where the database is, without any parameter of its address (never a password), for messages. */
    String address();

    /** Lets the database go; nothing is written. */
    @Override
    void close();

    /** Opens the memory's database from settings given on the command line. */
    @FunctionalInterface
    interface Opener {

        /**
         * The database the server would use with these settings.
         *
         * @param settings the command line's {@code --spring.*=value} arguments, on top of the server's configuration
         *                 files and environment ({@code SPRING_DATASOURCE_URL}...)
         */
        MemoryDatabase open(List<String> settings);
    }
}
