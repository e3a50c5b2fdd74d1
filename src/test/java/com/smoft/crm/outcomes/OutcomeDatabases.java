package com.smoft.crm.outcomes;

import static org.assertj.core.api.Assertions.fail;

import com.smoft.crm.system.CrmProperties;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The databases the outcomes' tests run on, as the memory's tests do ({@code memory/TestDatabases}): H2 in memory, and
 * the real PostgreSQL server of {@code CRM_TEST_POSTGRES_URL} (or 127.0.0.1:5432, role and database {@code crm}), a
 * schema of its own per test; skipped, saying so, where none answers (failed in CI).
 */
final class OutcomeDatabases {

    /** A database kind the memory supports. */
    enum Kind {
        H2,
        POSTGRESQL
    }

    private static final String POSTGRES_URL = env("CRM_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/crm");
    private static final String POSTGRES_USER = env("CRM_TEST_POSTGRES_USER", "crm");
    private static final String POSTGRES_PASSWORD = env("CRM_TEST_POSTGRES_PASSWORD", "crm");

    private OutcomeDatabases() {}

    /** A fresh, migrated schema of its own on a database of that kind. */
    static Database open(Kind kind) {
        HikariDataSource dataSource = new HikariDataSource();
        String schema = null;
        if (kind == Kind.H2) {
            dataSource.setJdbcUrl("jdbc:h2:mem:outcomes-" + UUID.randomUUID());
            dataSource.setUsername("sa");
        } else {
            requirePostgres();
            schema = "outcomes_test_" + UUID.randomUUID().toString().replace("-", "");
            dataSource.setJdbcUrl(POSTGRES_URL);
            dataSource.setUsername(POSTGRES_USER);
            dataSource.setPassword(POSTGRES_PASSWORD);
            dataSource.setSchema(schema);
        }
        dataSource.setMaximumPoolSize(4);
        var flyway = Flyway.configure().dataSource(dataSource);
        if (schema != null) {
            flyway.schemas(schema).createSchemas(true);
        }
        flyway.load().migrate();
        return new Database(dataSource, schema);
    }

    /** The service's settings, defaults but for {@code settings}. */
    static CrmProperties properties(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("crm", CrmProperties.class);
    }

    private static void requirePostgres() {
        DriverManager.setLoginTimeout(3);
        try (Connection ignored = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD)) {
            // Reachable.
        } catch (SQLException e) {
            String why = "No PostgreSQL answers at " + POSTGRES_URL + " (" + e.getMessage() + ")";
            if (System.getenv("CRM_TEST_POSTGRES_URL") != null) {
                fail(why);
            }
            Assumptions.abort(why);
        }
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    /** An open test database: its pool, and on PostgreSQL the schema dropped on close. */
    record Database(HikariDataSource dataSource, String schema) implements AutoCloseable {

        /** The outcomes' repository on this database. */
        OutcomeRepository repository() {
            return new OutcomeRepository(
                    dataSource, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        }

        /** A point of the memory: a customer scored at a time, his inputs those of every test. */
        void point(String customerId, Instant at, int score, String modelVersion, ZoneId zone) {
            JdbcClient.create(dataSource)
                    .sql("INSERT INTO lead_point (customer_id, scored_on, scored_at, score, probability, segment,"
                            + " model_version, days_since_last_contact, total_contacts, total_spent, emails_sent,"
                            + " emails_opened, website_visits, customer_age_days)"
                            + " VALUES (?, ?, ?, ?, ?, 'Warm', ?, 5, 10, 1500.5, 8, 6, 15, 120)")
                    .params(
                            customerId,
                            LocalDate.ofInstant(at, zone),
                            at.atOffset(ZoneOffset.UTC),
                            score,
                            score / 100.0,
                            modelVersion)
                    .update();
        }

        /** An erasure of the memory's, as DELETE /api/leads/{id} leaves it. */
        void erased(String customerId, Instant at) {
            JdbcClient.create(dataSource)
                    .sql("INSERT INTO lead_erasure (customer_id, erased_at) VALUES (?, ?)")
                    .params(customerId, at.atOffset(ZoneOffset.UTC))
                    .update();
        }

        /** Rows of a table. */
        long count(String table) {
            return JdbcClient.create(dataSource)
                    .sql("SELECT COUNT(*) FROM " + table)
                    .query(Long.class)
                    .single();
        }

        @Override
        public void close() {
            if (schema != null) {
                JdbcClient.create(dataSource)
                        .sql("DROP SCHEMA " + schema + " CASCADE")
                        .update();
            }
            dataSource.close();
        }
    }
}
