package com.smoft.crm.system;

import com.smoft.crm.training.MemoryDatabase;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.RandomValuePropertySource;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The memory's database as the server names it, for the {@code train} command, which runs without a Spring context:
 * the server's configuration files ({@code application.yml}, and any {@code spring.config.location} or profile), its
 * environment ({@code SPRING_DATASOURCE_URL}...) and {@code --spring.*=value} arguments are read by Spring Boot's own
 * configuration loading, and the connection is made by the server's pool (HikariCP, with its
 * {@code spring.datasource.hikari.*} settings), one connection at most. Flyway does not run: the command reads, and
 * never changes the schema under a running server. An embedded H2 database is never made here: a file that is not
 * there is an error, not an empty new database.
 */
public final class ServerDatabase implements MemoryDatabase {

    private final HikariDataSource dataSource;

    private ServerDatabase(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The database the server would open with these settings on top of its configuration.
     *
     * @param settings {@code --spring.datasource.url=...} and other {@code --name=value} arguments
     * @throws IllegalArgumentException when the settings cannot be read
     */
    public static ServerDatabase open(List<String> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(settings.toArray(String[]::new)));
        RandomValuePropertySource.addToEnvironment(environment);
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        Binder binder = Binder.get(environment);
        HikariDataSource dataSource;
        try {
            DataSourceProperties properties = binder.bindOrCreate("spring.datasource", DataSourceProperties.class);
            properties.setBeanClassLoader(ServerDatabase.class.getClassLoader());
            properties.afterPropertiesSet();
            dataSource = properties
                    .initializeDataSourceBuilder()
                    .type(HikariDataSource.class)
                    .build();
            binder.bind("spring.datasource.hikari", Bindable.ofInstance(dataSource));
        } catch (Exception e) {
            // A setting that does not bind, as the server would refuse it at start.
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        String url = dataSource.getJdbcUrl();
        if (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:")) {
            dataSource.setJdbcUrl(url + ";IFEXISTS=TRUE");
        }
        dataSource.setPoolName("train-from-memory");
        dataSource.setMaximumPoolSize(1);
        return new ServerDatabase(dataSource);
    }

    @Override
    public Connection connect() throws SQLException {
        try {
            return dataSource.getConnection();
        } catch (HikariPool.PoolInitializationException e) {
            // The pool starts with the first connection: the driver's own refusal is the cause.
            if (e.getCause() instanceof SQLException refused) {
                throw refused;
            }
            throw e;
        }
    }

    @Override
    public String address() {
        return dataSource.getJdbcUrl().replaceFirst("[;?].*", "");
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
