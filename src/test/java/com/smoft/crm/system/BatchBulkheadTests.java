package com.smoft.crm.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchBulkheadTests {

    @Test
    void shouldRunTheParallelStreamsOfItsWorkOnItsOwnThreadsNotTheCommonPool() throws Exception {
        try (BatchBulkhead bulkhead = new BatchBulkhead(2)) {
            Set<String> threads = bulkhead.run(() -> IntStream.range(0, 20_000)
                    .parallel()
                    .mapToObj(i -> Thread.currentThread().getName())
                    .collect(Collectors.toSet()));
            assertThat(threads).isNotEmpty().allMatch(name -> name.startsWith("batch-scoring-"));
        }
    }

    @Test
    void shouldThrowWhatTheWorkThrew() {
        try (BatchBulkhead bulkhead = new BatchBulkhead(1)) {
            assertThatIllegalStateException()
                    .isThrownBy(() -> bulkhead.run(() -> {
                        throw new IllegalStateException("refused");
                    }))
                    .withMessage("refused");
        }
    }
}
