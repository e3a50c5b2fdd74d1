package com.smoft.crm.events;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The databases the outbox's tests run on, as the memory's tests do: H2 in memory, and a schema of its own on the
 * PostgreSQL server of {@code CRM_TEST_POSTGRES_URL} (127.0.0.1:5432, role, database and password {@code crm} by
 * default), skipped when none answers outside CI.
 */
final class OutboxDatabases {

    private static final String POSTGRES_URL = env("CRM_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/crm");
    private static final String POSTGRES_USER = env("CRM_TEST_POSTGRES_USER", "crm");
    private static final String POSTGRES_PASSWORD = env("CRM_TEST_POSTGRES_PASSWORD", "crm");

    private OutboxDatabases() {}

    /** A fresh migrated database: H2 or PostgreSQL. */
    static Database open(boolean postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        String schema = null;
        if (postgres) {
            requirePostgres();
            schema = "events_test_" + UUID.randomUUID().toString().replace("-", "");
            dataSource.setJdbcUrl(POSTGRES_URL);
            dataSource.setUsername(POSTGRES_USER);
            dataSource.setPassword(POSTGRES_PASSWORD);
            dataSource.setSchema(schema);
        } else {
            dataSource.setJdbcUrl("jdbc:h2:mem:events-" + UUID.randomUUID());
            dataSource.setUsername("sa");
        }
        dataSource.setMaximumPoolSize(8);
        var flyway = Flyway.configure().dataSource(dataSource);
        if (schema != null) {
            flyway.schemas(schema).createSchemas(true);
        }
        flyway.load().migrate();
        return new Database(dataSource, schema);
    }

    private static void requirePostgres() {
        DriverManager.setLoginTimeout(3);
        try (Connection ignored = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD)) {
            // Reachable.
        } catch (SQLException e) {
            String why = "No PostgreSQL answers at " + POSTGRES_URL + ": " + e.getMessage();
            if (System.getenv("CRM_TEST_POSTGRES_URL") != null) {
                Assertions.fail(why);
            }
            Assumptions.abort(why);
        }
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    /** An open test database; on PostgreSQL its schema is dropped on close. */
    record Database(HikariDataSource dataSource, String schema) implements AutoCloseable {

        TransactionTemplate transactions() {
            return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        }

        JdbcClient jdbc() {
            return JdbcClient.create(dataSource);
        }

        long count(String sql) {
            return jdbc().sql(sql).query(Long.class).single();
        }

        @Override
        public void close() {
            if (schema != null) {
                jdbc().sql("DROP SCHEMA " + schema + " CASCADE").update();
            }
            dataSource.close();
        }
    }
}
