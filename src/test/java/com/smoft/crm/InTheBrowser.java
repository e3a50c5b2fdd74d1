package com.smoft.crm;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.test.context.TestPropertySource;

/**
 * A test class that uses the web page in the run's one headless Chromium ({@link HeadlessChromium}). Such classes
 * spend most of their time waiting for the browser, so they run beside the rest of the suite (one at a time, since
 * they share the browser), each on a service of its own: the property below keeps Spring's test context cache from
 * handing them the context of a class that runs at the same time, whose figures (statistics, memory) their scores
 * would otherwise change under it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(HeadlessChromium.class)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(HeadlessChromium.BROWSER)
@TestPropertySource(properties = "spring.application.name=smoft-crm-in-the-browser")
public @interface InTheBrowser {}
