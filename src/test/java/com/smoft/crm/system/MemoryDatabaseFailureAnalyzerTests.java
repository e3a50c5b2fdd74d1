package com.smoft.crm.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.smoft.crm.CrmApplication;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A memory's database that does not answer at start, or an embedded file H2 cannot read, stops the service with a short
 * message and what to do.
 */
@Execution(ExecutionMode.CONCURRENT)
class MemoryDatabaseFailureAnalyzerTests {

    @Test
    void shouldSayTheMemorysDatabaseDidNotOpenAndHowToStartAnyway() {
        // Port 1 of loopback: no database server listens there.
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(CrmApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/crm",
                        "--spring.datasource.hikari.connection-timeout=250")
                .close());

        FailureAnalysis analysis = new MemoryDatabaseFailureAnalyzer().analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .startsWith("The memory of each lead could not open its database at start: ")
                .contains("127.0.0.1:1")
                .doesNotContain("\n");
        assertThat(analysis.getAction()).contains("SPRING_DATASOURCE_URL", "--crm.memory.enabled=false");
    }

    @Test
    void shouldSayADamagedEmbeddedFileIsDamagedAndHowToSalvageIt(@TempDir Path directory) throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("memory");
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            connection.createStatement().execute("CREATE TABLE kept (id INT PRIMARY KEY)");
        }
        // Both copies of the store's header overwritten: H2 cannot tell where its data is.
        try (RandomAccessFile file =
                new RandomAccessFile(directory.resolve("memory.mv.db").toFile(), "rw")) {
            file.write(new byte[8192]);
        }
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(CrmApplication.class)
                .run("--server.port=0", "--spring.datasource.url=" + url)
                .close());

        FailureAnalysis analysis = new MemoryDatabaseFailureAnalyzer().analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .startsWith("The memory of each lead could not read its embedded database file: ")
                .contains("memory.mv.db")
                .doesNotContain("\n");
        assertThat(analysis.getAction())
                .contains("damaged", "A damaged embedded file", "docs/deployment.md", "--crm.memory.enabled=false");
    }
}
