package com.smoft.crm.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a crash of the service leaves of the embedded database's commits, with and without {@link DurableWrites}. */
class DurableWritesTests {

    @Test
    void shouldKeepWhatWasCommittedThroughACrashOnceSynced(@TempDir Path directory) {
        var database = TestDatabases.openFile(directory);
        database.repository().erase("SYNCED", java.time.Instant.now());

        TestDatabases.crashH2(database);

        try (var restarted = TestDatabases.openFile(directory)) {
            assertThat(restarted.count("lead_erasure")).isEqualTo(1);
        }
    }

    /** Why the rule is needed, and that the crash above is a real one: H2 alone keeps a commit in the heap. */
    @Test
    void shouldLoseWhatWasCommittedButNotSyncedInACrash(@TempDir Path directory) {
        var database = TestDatabases.openFile(directory);
        org.springframework.jdbc.core.simple.JdbcClient.create(database.dataSource())
                .sql("INSERT INTO lead_erasure (customer_id, erased_at) VALUES ('UNSYNCED', CURRENT_TIMESTAMP)")
                .update();

        TestDatabases.crashH2(database);

        try (var restarted = TestDatabases.openFile(directory)) {
            assertThat(restarted.count("lead_erasure")).isZero();
        }
    }
}
