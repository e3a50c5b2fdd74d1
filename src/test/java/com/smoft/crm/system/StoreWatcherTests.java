package com.smoft.crm.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import com.smoft.crm.scoring.ModelFiles;
import com.smoft.crm.scoring.ModelRegistry;
import com.smoft.crm.scoring.ModelStore;
import com.smoft.crm.scoring.ShippedModel;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.TaskScheduler;

class StoreWatcherTests {

    private final TaskScheduler scheduler = mock(TaskScheduler.class);
    private final ScheduledFuture<?> scheduled = mock(ScheduledFuture.class);

    @Test
    void shouldLookAtTheStoreOnTheSchedulerAtTheConfiguredIntervalUntilStopped() {
        doReturn(scheduled)
                .when(scheduler)
                .scheduleWithFixedDelay(any(Runnable.class), any(Instant.class), any(Duration.class));
        StoreWatcher watcher = new StoreWatcher(
                ModelRegistry.ofStore(new ModelStore(ModelStore.DEFAULT_FOLDER)), scheduler, Duration.ofMillis(200));
        watcher.start();
        assertThat(watcher.isRunning()).isTrue();
        verify(scheduler).scheduleWithFixedDelay(any(Runnable.class), any(Instant.class), eq(Duration.ofMillis(200)));
        watcher.stop();
        verify(scheduled).cancel(false);
        assertThat(watcher.isRunning()).isFalse();
    }

    @Test
    void shouldScheduleNothingAtIntervalZero() {
        StoreWatcher watcher = new StoreWatcher(
                ModelRegistry.ofStore(new ModelStore(ModelStore.DEFAULT_FOLDER)), scheduler, Duration.ZERO);
        watcher.start();
        assertThat(watcher.isRunning()).isFalse();
        verifyNoInteractions(scheduler);
    }

    @Test
    void shouldScheduleNothingWhenASingleFileServes() {
        StoreWatcher watcher = new StoreWatcher(
                new ModelRegistry(ModelFiles.load(ShippedModel.PATH)), scheduler, Duration.ofSeconds(10));
        watcher.start();
        assertThat(watcher.isRunning()).isFalse();
        verifyNoInteractions(scheduler);
    }
}
