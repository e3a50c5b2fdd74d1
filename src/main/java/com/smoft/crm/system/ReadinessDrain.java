package com.smoft.crm.system;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * The first thing to stop on a stop signal (SIGTERM): readiness goes DOWN, then the service keeps answering
 * for {@code crm.shutdown.drain} so that load balancers, which poll readiness, stop sending it requests
 * before the web server's graceful shutdown closes the port and finishes the requests in flight.
 */
final class ReadinessDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadinessDrain.class);

    private final ApplicationEventPublisher events;
    private final Duration drain;
    private volatile boolean running;
    private volatile boolean stopped;

    ReadinessDrain(ApplicationEventPublisher events, Duration drain) {
        this.events = events;
        this.drain = drain;
    }

    @Override
    public void start() {
        if (stopped) {
            // Started again after a stop (Spring's test contexts pause and resume): ready again.
            AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
        }
        running = true;
    }

    @Override
    public void stop() {
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        log.info(
                "Stopping: readiness is DOWN, still answering for {} s before the port closes",
                drain.toMillis() / 1000.0);
        try {
            Thread.sleep(drain);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        stopped = true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before every other lifecycle, the web server's graceful shutdown included. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
