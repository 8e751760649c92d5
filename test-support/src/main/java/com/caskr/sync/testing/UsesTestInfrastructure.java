package com.caskr.sync.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Points a Spring test's Kafka and data source at the shared {@link TestInfrastructure}, with a
 * fresh database for this test class.
 *
 * <p>The context is closed after the class, so no listener of an earlier test class keeps consuming
 * from the shared broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface UsesTestInfrastructure {}
