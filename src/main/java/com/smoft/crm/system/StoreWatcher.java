package com.smoft.crm.system;

import com.smoft.crm.scoring.LoadedModel;
import com.smoft.crm.scoring.ModelLoadException;
import com.smoft.crm.scoring.ModelRegistry;
import com.smoft.crm.training.ModelHints;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Follows the model store's pointer: a version promoted by the {@code train} or {@code models} command, or by
 * another instance, serves here within {@code crm.model.watch-interval} without a restart. A version that fails
 * its checks is refused once, logged, and the serving model stays.
 */
final class StoreWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StoreWatcher.class);

    private final ModelRegistry registry;
    private final Duration interval;
    private ScheduledExecutorService timer;
    private String lastRefused;

    StoreWatcher(ModelRegistry registry, Duration interval) {
        this.registry = registry;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (registry.store().isEmpty() || interval.isZero() || interval.isNegative()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("model-store-watch").daemon().factory());
        timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One look at the pointer. */
    void check() {
        try {
            String before = registry.current().version();
            Optional<LoadedModel> swapped = registry.followStore();
            swapped.ifPresent(model -> log.info("Model store: version {} now serves, replacing {}", model.version(), before));
            lastRefused = null;
        } catch (ModelLoadException e) {
            if (!e.getMessage().equals(lastRefused)) {
                log.warn("Model store: the version its pointer names was refused, the serving model stays: {}",
                        ModelHints.withHint(e));
                lastRefused = e.getMessage();
            }
        } catch (RuntimeException e) {
            log.warn("Model store: its pointer cannot be read, the serving model stays: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
