package com.smoft.crm.system;

import com.smoft.crm.scoring.LoadedModel;
import com.smoft.crm.scoring.ModelLoadException;
import com.smoft.crm.scoring.ModelRegistry;
import com.smoft.crm.training.ModelHints;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Follows the model store's pointer: a version promoted by the {@code train} or {@code models} command, or by
 * another instance, serves here within {@code crm.model.watch-interval} without a restart. A version that fails
 * its checks is refused once, logged, and the serving model stays. The looks are scheduled on Boot's task scheduler;
 * an interval of 0 schedules none.
 */
final class StoreWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StoreWatcher.class);

    private final ModelRegistry registry;
    private final TaskScheduler scheduler;
    private final Duration interval;
    private ScheduledFuture<?> watch;
    private String lastRefused;

    StoreWatcher(ModelRegistry registry, TaskScheduler scheduler, Duration interval) {
        this.registry = registry;
        this.scheduler = scheduler;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (registry.store().isEmpty() || interval.isZero() || interval.isNegative()) {
            return;
        }
        watch = scheduler.scheduleWithFixedDelay(this::check, Instant.now().plus(interval), interval);
    }

    /** One look at the pointer. */
    void check() {
        try {
            String before = registry.current().version();
            Optional<LoadedModel> swapped = registry.followStore();
            swapped.ifPresent(
                    model -> log.info("Model store: version {} now serves, replacing {}", model.version(), before));
            lastRefused = null;
        } catch (ModelLoadException e) {
            if (!e.getMessage().equals(lastRefused)) {
                log.warn(
                        "Model store: the version its pointer names was refused, the serving model stays: {}",
                        ModelHints.withHint(e));
                lastRefused = e.getMessage();
            }
        } catch (RuntimeException e) {
            log.warn("Model store: its pointer cannot be read, the serving model stays: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (watch != null) {
            watch.cancel(false);
            watch = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return watch != null;
    }
}
