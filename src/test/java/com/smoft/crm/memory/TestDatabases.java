package com.smoft.crm.memory;

import static org.assertj.core.api.Assertions.fail;

import com.smoft.crm.system.CrmProperties;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The databases the memory's tests run on: H2 in memory, and a real PostgreSQL server. PostgreSQL is the one of
 * {@code CRM_TEST_POSTGRES_URL} (user and password {@code CRM_TEST_POSTGRES_USER}, {@code CRM_TEST_POSTGRES_PASSWORD}),
 * which {@code .ci/run} sets after starting one: there the tests must run. Without it, a server at 127.0.0.1:5432
 * with database, role and password {@code crm} is tried, and its tests are skipped, saying so, when none answers.
 */
public final class TestDatabases {

    /** A database kind the memory supports. */
    public enum Kind {
        H2,
        POSTGRESQL
    }

    /** The PostgreSQL server's JDBC address, user and password: the one place other packages' tests read them. */
    public static final String POSTGRES_URL = env("CRM_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/crm");

    public static final String POSTGRES_USER = env("CRM_TEST_POSTGRES_USER", "crm");
    public static final String POSTGRES_PASSWORD = env("CRM_TEST_POSTGRES_PASSWORD", "crm");

    /** Whether the console was told why the PostgreSQL tests are skipped. */
    private static final AtomicBoolean SKIP_TOLD = new AtomicBoolean();

    private TestDatabases() {}

    /** A fresh, migrated schema of its own on a database of that kind; skips (or fails in CI) without PostgreSQL. */
    public static Database open(Kind kind) {
        return open(kind, 4);
    }

    /** {@link #open(Kind)} with a pool of {@code connections}. */
    public static Database open(Kind kind, int connections) {
        return open(kind, connections, null);
    }

    /** {@link #open(Kind)} migrated only up to {@code version}, so that a test can run the next migrations. */
    static Database openAt(Kind kind, String version) {
        return open(kind, 4, version);
    }

    private static Database open(Kind kind, int connections, String version) {
        HikariDataSource dataSource = new HikariDataSource();
        String schema = null;
        if (kind == Kind.H2) {
            dataSource.setJdbcUrl("jdbc:h2:mem:memory-" + UUID.randomUUID());
            dataSource.setUsername("sa");
        } else {
            requirePostgres();
            schema = "memory_test_" + UUID.randomUUID().toString().replace("-", "");
            dataSource.setJdbcUrl(POSTGRES_URL);
            dataSource.setUsername(POSTGRES_USER);
            dataSource.setPassword(POSTGRES_PASSWORD);
            dataSource.setSchema(schema);
        }
        dataSource.setMaximumPoolSize(connections);
        var flyway = Flyway.configure().dataSource(dataSource);
        if (schema != null) {
            flyway.schemas(schema).createSchemas(true);
        }
        if (version != null) {
            flyway.target(version);
        }
        flyway.load().migrate();
        return new Database(kind, dataSource, schema);
    }

    /**
     * A migrated H2 database in a file of {@code directory}, as the service opens it but that H2 never saves by itself
     * during a test (its background writer waits a minute): only what {@link DurableWrites} syncs survives
     * {@link #crashH2(Database)}. Opened again on the same directory, it is what a restarted service finds.
     */
    public static Database openFile(Path directory) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:file:" + directory.resolve("memory") + ";WRITE_DELAY=60000");
        dataSource.setUsername("sa");
        dataSource.setMaximumPoolSize(4);
        Flyway.configure().dataSource(dataSource).load().migrate();
        DurableWrites.sync(dataSource);
        return new Database(Kind.H2, dataSource, null);
    }

    /** Erases a customer as {@code DELETE /api/leads/{id}} does, in a process whose writes hold {@code holds}. */
    public static boolean erase(Database database, CustomerHolds holds, String customerId, Instant at) {
        return new MemoryRepository(
                        database.dataSource(),
                        new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())),
                        holds)
                .erase(customerId, at);
    }

    /**
     * Stops an H2 database as a crash of the service would ({@code SHUTDOWN IMMEDIATELY}: nothing more written to
     * its file), and closes its pool.
     */
    public static void crashH2(Database database) {
        // A connection of its own: the pool's would fail to close, their database gone.
        try (Connection connection =
                        DriverManager.getConnection(database.dataSource().getJdbcUrl(), "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            database.dataSource().close();
        }
    }

    /**
     * A fresh schema on the real PostgreSQL server, reached through a {@link CuttableLink} that a test cuts and
     * restores to see the memory's database go away and come back as over a network.
     */
    static ServedDatabase served() {
        Database direct = open(Kind.POSTGRESQL);
        CuttableLink link = new CuttableLink(
                URI.create(POSTGRES_URL.substring("jdbc:".length())).getPort());
        String url = POSTGRES_URL.replaceFirst(":\\d+/", ":" + link.port() + "/");
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(POSTGRES_USER);
        dataSource.setPassword(POSTGRES_PASSWORD);
        dataSource.setSchema(direct.schema());
        dataSource.setConnectionTimeout(250);
        // A pool first started while the link is cut gives up after the connection timeout, not after Hikari's
        // second-long nap that follows a failed connection at start.
        dataSource.setInitializationFailTimeout(-1);
        return new ServedDatabase(url, dataSource, link, direct);
    }

    /** A pool of connections to a database server that is not there: port 1 of loopback, where nothing listens. */
    static HikariDataSource unreachable() {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/crm");
        dataSource.setConnectionTimeout(250);
        // No connection tried when the pool starts: Hikari naps a second after a failed one there, where a borrower
        // gives up after the connection timeout.
        dataSource.setInitializationFailTimeout(-1);
        return dataSource;
    }

    /** The service's settings, defaults but for {@code settings} (e.g. {@code crm.memory.trend-days=3}). */
    static CrmProperties properties(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("crm", CrmProperties.class);
    }

    /** Skips the calling test (fails it in CI) when no PostgreSQL answers. */
    public static void requirePostgres() {
        DriverManager.setLoginTimeout(3);
        try (Connection ignored = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD)) {
            // Reachable.
        } catch (SQLException e) {
            String why = "No PostgreSQL answers at " + POSTGRES_URL + " (" + e.getMessage() + "); start one as .ci/run "
                    + "does to run the memory's tests against it";
            if (System.getenv("CRM_TEST_POSTGRES_URL") != null) {
                fail(why);
            }
            // Once on the console too: Surefire counts a skip there, and keeps its reason in its reports only.
            if (SKIP_TOLD.compareAndSet(false, true)) {
                System.err.println("PostgreSQL tests skipped: " + why + ".");
            }
            Assumptions.abort(why);
        }
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    /** An open test database: its pool, and on PostgreSQL the schema dropped on close. */
    public record Database(Kind kind, HikariDataSource dataSource, String schema) implements AutoCloseable {

        /** The memory's repository on this database. */
        MemoryRepository repository() {
            return new MemoryRepository(
                    dataSource,
                    new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                    new CustomerHolds());
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

    /** A PostgreSQL schema reached through a link: {@link #stop()} cuts it, {@link #start()} restores it. */
    record ServedDatabase(String url, HikariDataSource dataSource, CuttableLink link, Database direct)
            implements AutoCloseable {

        /** The memory's repository on this database, through the link. */
        MemoryRepository repository() {
            return new MemoryRepository(
                    dataSource,
                    new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                    new CustomerHolds());
        }

        /** Cuts the link: every connection to the database fails. */
        void stop() {
            link.cut();
        }

        /** Restores the link on the same port. */
        void start() {
            link.restore();
        }

        @Override
        public void close() {
            dataSource.close();
            link.close();
            direct.close();
        }
    }
}
