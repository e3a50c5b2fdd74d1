package com.smoft.crm.api;

import com.smoft.crm.scoring.LeadScorer;
import com.smoft.crm.scoring.ModelFiles;
import com.smoft.crm.scoring.ModelRegistry;
import com.smoft.crm.scoring.ScoreStatistics;
import com.smoft.crm.scoring.SegmentThresholds;
import com.smoft.crm.scoring.ShippedModel;
import com.smoft.crm.system.BatchBulkhead;
import com.smoft.crm.system.CrmProperties;
import com.smoft.crm.system.SecurityConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The real scorer on the shipped model, for controller slices: they test translation, not a stub. */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(CrmProperties.class)
@Import(SecurityConfiguration.class)
class ShippedModelConfiguration {

    @Bean
    ModelRegistry modelRegistry() {
        return new ModelRegistry(ModelFiles.load(ShippedModel.PATH));
    }

    @Bean
    LeadScorer leadScorer(ModelRegistry registry, MessageSource messages) {
        return new LeadScorer(registry, SegmentThresholds.DEFAULT, messages::getMessage);
    }

    @Bean
    BatchBulkhead batchBulkhead() {
        return new BatchBulkhead(1);
    }

    @Bean
    ScoreStatistics scoreStatistics() {
        return new ScoreStatistics();
    }
}
