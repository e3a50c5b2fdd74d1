package com.smoft.crm.system;

import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.ModelRegistry;
import com.smoft.crm.scoring.ModelStore;
import com.smoft.crm.scoring.ScoreStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Loads the model once at start-up, as configured, and exposes the scorer and the threads that score batches. Task
 * scheduling is on so that Boot provides the scheduler the model store's watch runs on.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ScoringConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ScoringConfiguration.class);

    @Bean
    ModelRegistry modelRegistry(CrmProperties properties) {
        var settings = properties.model();
        var registry = settings.singleFile()
                ? ModelRegistry.ofFile(settings.path())
                : ModelRegistry.ofStore(new ModelStore(settings.store()));
        var model = registry.current();
        log.info(
                "Serving model {} from {} ({} trees, {} nodes)",
                model.version(),
                model.path().toAbsolutePath(),
                model.compiled().trees(),
                model.compiled().nodes());
        return registry;
    }

    @Bean
    StoreWatcher storeWatcher(ModelRegistry registry, TaskScheduler taskScheduler, CrmProperties properties) {
        return new StoreWatcher(registry, taskScheduler, properties.model().watchInterval());
    }

    @Bean
    LeadScorer leadScorer(ModelRegistry registry, CrmProperties properties, MessageSource messages) {
        return new LeadScorer(registry, properties.segments().thresholds(), messages::getMessage);
    }

    @Bean
    BatchBulkhead batchBulkhead(CrmProperties properties) {
        return new BatchBulkhead(properties.batch().scoringThreads());
    }

    @Bean
    ScoreStatistics scoreStatistics() {
        return new ScoreStatistics();
    }
}
