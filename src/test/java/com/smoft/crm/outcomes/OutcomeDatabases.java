package com.smoft.crm.outcomes;

import com.smoft.crm.memory.CustomerHolds;
import com.smoft.crm.memory.TestDatabases;
import com.smoft.crm.system.CrmProperties;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
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

    private OutcomeDatabases() {}

    /** A fresh, migrated schema of its own on a database of that kind (memory/TestDatabases). */
    static Database open(Kind kind) {
        return new Database(TestDatabases.open(TestDatabases.Kind.valueOf(kind.name())));
    }

    /** The service's settings, defaults but for {@code settings}. */
    static CrmProperties properties(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("crm", CrmProperties.class);
    }

    /** An open test database: its pool, and on PostgreSQL the schema dropped on close. */
    record Database(TestDatabases.Database database) implements AutoCloseable {

        HikariDataSource dataSource() {
            return database.dataSource();
        }

        /** The outcomes' repository on this database. */
        OutcomeRepository repository() {
            return repository(new CustomerHolds());
        }

        /** The outcomes' repository on this database, in a process whose writes hold {@code holds}. */
        OutcomeRepository repository(CustomerHolds holds) {
            return new OutcomeRepository(
                    dataSource(), new TransactionTemplate(new DataSourceTransactionManager(dataSource())), holds);
        }

        /** A point of the memory: a customer scored at a time, his inputs those of every test. */
        void point(String customerId, Instant at, int score, String modelVersion, ZoneId zone) {
            JdbcClient.create(dataSource())
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
            JdbcClient.create(dataSource())
                    .sql("INSERT INTO lead_erasure (customer_id, erased_at) VALUES (?, ?)")
                    .params(customerId, at.atOffset(ZoneOffset.UTC))
                    .update();
        }

        /** Rows of a table. */
        long count(String table) {
            return JdbcClient.create(dataSource())
                    .sql("SELECT COUNT(*) FROM " + table)
                    .query(Long.class)
                    .single();
        }

        @Override
        public void close() {
            database.close();
        }
    }
}
