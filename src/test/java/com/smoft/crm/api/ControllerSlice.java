package com.smoft.crm.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;

/**
 * The scoring, contract and health controllers on the shipped model, in one MVC slice: every test class of these
 * controllers runs on this one set-up, so Spring's test context cache starts it once for all of them. Batches hold at
 * most 5 customers, 2 of them explained, so that tests of those limits stay small.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(
        controllers = {ScoreController.class, ContractController.class, HealthController.class},
        properties = {"crm.batch.max-size=5", "crm.batch.max-explained=2"})
@Import(ShippedModelConfiguration.class)
@interface ControllerSlice {}
