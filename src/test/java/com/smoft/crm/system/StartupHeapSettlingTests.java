package com.smoft.crm.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class StartupHeapSettlingTests {

    @Test
    void shouldRunOneFullCollectionWhenTheServiceIsReady() {
        // G1, the JVM's collector here and in the image: its full collections are counted apart from young ones.
        GarbageCollectorMXBean full = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(collector -> collector.getName().equals("G1 Old Generation"))
                .findFirst()
                .orElse(null);
        Assumptions.assumeTrue(full != null, "G1 is not this JVM's collector");
        long before = full.getCollectionCount();

        new StartupHeapSettling().settle();

        assertThat(full.getCollectionCount()).isGreaterThan(before);
    }
}
