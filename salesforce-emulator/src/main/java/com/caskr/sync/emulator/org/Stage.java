package com.caskr.sync.emulator.org;

/**
 * One value of Opportunity.StageName with what it implies, as the OpportunityStage object holds it.
 */
public record Stage(
    String name, int defaultProbability, String forecastCategoryName, boolean closed, boolean won) {

  public Stage {
    if (won && !closed) {
      throw new IllegalArgumentException("A won stage must be closed: " + name);
    }
  }
}
