package com.smoft.crm.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory's database named for the train command exactly as the server names it. */
class ServerDatabaseTests {

    @Test
    void shouldNameTheDatabaseOfTheServersConfigurationFilesWhenNothingElseIsGiven() {
        // The tests' application.properties gives every test context a database of its own, in memory.
        try (ServerDatabase database = ServerDatabase.open(List.of())) {
            assertThat(database.address()).startsWith("jdbc:h2:mem:memory-").doesNotContain("${");
        }
    }

    @Test
    void shouldTakeTheCommandLinesSettingsOverTheFilesAndApplyThePoolsOwn() throws Exception {
        try (ServerDatabase database = ServerDatabase.open(List.of(
                "--spring.datasource.url=jdbc:h2:mem:named-on-the-command-line;DB_CLOSE_DELAY=0",
                "--spring.datasource.username=reader",
                "--spring.datasource.hikari.connection-init-sql=CREATE SCHEMA IF NOT EXISTS SEEN"))) {
            assertThat(database.address()).isEqualTo("jdbc:h2:mem:named-on-the-command-line");
            try (Connection connection = database.connect()) {
                assertThat(connection.getMetaData().getUserName()).isEqualTo("READER");
                assertThat(connection.getMetaData().getSchemas(null, "SEEN").next())
                        .isTrue();
            }
        }
    }

    @Test
    void shouldRefuseASettingThatDoesNotBindAsTheServerWouldAtStart() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServerDatabase.open(List.of("--spring.datasource.hikari.maximum-pool-size=many")))
                .withMessageContaining("spring.datasource.hikari");
    }
}
