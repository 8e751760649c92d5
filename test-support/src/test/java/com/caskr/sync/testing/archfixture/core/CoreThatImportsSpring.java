package com.caskr.sync.testing.archfixture.core;

import org.springframework.context.ApplicationContext;

/** Deliberately breaks the plain-Java core rule, so the rule's own test can see it fire. */
public class CoreThatImportsSpring {
  public ApplicationContext context;
}
