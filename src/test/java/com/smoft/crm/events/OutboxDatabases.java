package com.smoft.crm.events;

import com.smoft.crm.memory.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The databases the outbox's tests run on, as the memory's tests do: H2 in memory, and a schema of its own on the
 * PostgreSQL server of {@code CRM_TEST_POSTGRES_URL} (127.0.0.1:5432, role, database and password {@code crm} by
 * default), skipped when none answers outside CI.
 */
final class OutboxDatabases {

    private OutboxDatabases() {}

    /** A fresh migrated database: H2 or PostgreSQL (memory/TestDatabases), a pool for two delivery workers. */
    static Database open(boolean postgres) {
        TestDatabases.Database database =
                TestDatabases.open(postgres ? TestDatabases.Kind.POSTGRESQL : TestDatabases.Kind.H2, 8);
        return new Database(database.dataSource(), database);
    }

    /** An open test database; on PostgreSQL its schema is dropped on close. */
    record Database(HikariDataSource dataSource, TestDatabases.Database database) implements AutoCloseable {

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
            database.close();
        }
    }
}
