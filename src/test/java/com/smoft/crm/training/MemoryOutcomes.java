package com.smoft.crm.training;

import com.smoft.crm.memory.TestDatabases;
import com.smoft.crm.scoring.Customer;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Memories of outcomes for the training's tests: a database of its own (H2 in memory, or a schema of its own on the
 * real PostgreSQL server of {@code CRM_TEST_POSTGRES_URL}, as the memory's tests do), migrated by the server's Flyway
 * migrations or left empty, with outcome rows inserted by SQL, and the {@code --spring.datasource.*} settings that
 * name it to {@code train --from-memory}.
 */
final class MemoryOutcomes implements AutoCloseable {

    /** A database kind the memory supports. */
    enum Kind {
        H2,
        POSTGRESQL
    }

    private static final String INSERT = "INSERT INTO lead_outcome (customer_id, outcome, occurred_at, occurred_on,"
            + " recorded_at, scored_at, score, probability, segment, model_version, days_since_last_contact,"
            + " total_contacts, total_spent, emails_sent, emails_opened, website_visits, customer_age_days)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Kind kind;
    private final String url;
    private final String schema;
    private final HikariDataSource dataSource;

    private MemoryOutcomes(Kind kind, String url, String schema, HikariDataSource dataSource) {
        this.kind = kind;
        this.url = url;
        this.schema = schema;
        this.dataSource = dataSource;
    }

    /** A migrated memory, its outcomes table empty. */
    static MemoryOutcomes open(Kind kind) {
        MemoryOutcomes memory = unmigrated(kind);
        var flyway = Flyway.configure().dataSource(memory.dataSource);
        if (memory.schema != null) {
            flyway.schemas(memory.schema);
        }
        flyway.load().migrate();
        return memory;
    }

    /** A database with no table at all: a memory never migrated. */
    static MemoryOutcomes unmigrated(Kind kind) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setMaximumPoolSize(2);
        if (kind == Kind.H2) {
            String url = "jdbc:h2:mem:outcomes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            dataSource.setJdbcUrl(url);
            dataSource.setUsername("sa");
            return new MemoryOutcomes(kind, url, null, dataSource);
        }
        TestDatabases.requirePostgres();
        String schema = "outcomes_test_" + UUID.randomUUID().toString().replace("-", "");
        String url = TestDatabases.POSTGRES_URL + (TestDatabases.POSTGRES_URL.contains("?") ? "&" : "?")
                + "currentSchema=" + schema;
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(TestDatabases.POSTGRES_USER);
        dataSource.setPassword(TestDatabases.POSTGRES_PASSWORD);
        JdbcClient.create(dataSource).sql("CREATE SCHEMA " + schema).update();
        return new MemoryOutcomes(kind, url, schema, dataSource);
    }

    Kind kind() {
        return kind;
    }

    /** The settings that name this database, as the server's would: {@code --spring.datasource.url=...}. */
    List<String> settings() {
        List<String> settings = new ArrayList<>(List.of("--spring.datasource.url=" + url));
        if (kind == Kind.POSTGRESQL) {
            settings.add("--spring.datasource.username=" + TestDatabases.POSTGRES_USER);
            settings.add("--spring.datasource.password=" + TestDatabases.POSTGRES_PASSWORD);
        }
        return settings;
    }

    /** The settings after the given arguments, as one command line. */
    String[] command(String... arguments) {
        List<String> command = new ArrayList<>(List.of(arguments));
        command.addAll(settings());
        return command.toArray(String[]::new);
    }

    /**
     * Records outcomes of customers scored a day before each: {@code customers.get(i)} at {@code start} plus
     * {@code i} minutes, as converted or lost.
     */
    void matched(List<LabeledCustomer> customers, Instant start) {
        insert(customers, start, true);
    }

    /** Records outcomes of customers the memory has no score of: nothing of their inputs is known. */
    void unmatched(List<LabeledCustomer> customers, Instant start) {
        insert(customers, start, false);
    }

    private void insert(List<LabeledCustomer> customers, Instant start, boolean matched) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < customers.size(); i++) {
                Customer customer = customers.get(i).customer();
                Instant at = start.plus(Duration.ofMinutes(i));
                int column = 1;
                insert.setString(
                        column++,
                        (matched ? "M-" : "U-") + customer.customerId().number() + "-" + i);
                insert.setString(column++, customers.get(i).converted() ? "converted" : "lost");
                insert.setObject(column++, at.atOffset(ZoneOffset.UTC));
                insert.setObject(column++, at.atOffset(ZoneOffset.UTC).toLocalDate());
                insert.setObject(column++, at.atOffset(ZoneOffset.UTC));
                if (matched) {
                    insert.setObject(column++, at.minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC));
                    insert.setInt(column++, 50);
                    insert.setDouble(column++, 0.5);
                    insert.setString(column++, "Warm");
                    insert.setString(column++, "0".repeat(64));
                    insert.setInt(column++, customer.daysSinceLastContact());
                    insert.setInt(column++, customer.totalContacts());
                    insert.setDouble(column++, customer.totalSpent());
                    insert.setInt(column++, customer.emailsSent());
                    insert.setInt(column++, customer.emailsOpened());
                    insert.setInt(column++, customer.websiteVisits());
                    insert.setInt(column, customer.customerAgeDays());
                } else {
                    for (; column <= 17; column++) {
                        insert.setObject(column, null);
                    }
                }
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a statement on the database, e.g. to break a row. */
    void execute(String sql) {
        JdbcClient.create(dataSource).sql(sql).update();
    }

    @Override
    public void close() {
        JdbcClient.create(dataSource)
                .sql(schema == null ? "SHUTDOWN" : "DROP SCHEMA " + schema + " CASCADE")
                .update();
        dataSource.close();
    }
}
