package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Query-time synonyms: the other members of each group a query word (or pair of words) belongs to.
 */
class SynonymsTest {
  private final Synonyms synonyms = new Synonyms();

  @Test
  void addsTheOtherMembersOfAGroupNotTheWordTyped() {
    assertEquals("database", synonyms.expand("the DB is down"));
    assertEquals("authentication login", synonyms.expand("fix auth"));
  }

  @Test
  void aPairOfWordsIsLookedUpToo() {
    // "every night" is one entry of the scheduling group: the pair adds the group's other members
    // (and itself,
    // which changes nothing: a word the user typed keeps its full weight in QueryTerms)
    assertEquals(
        "cron schedule scheduled nightly hourly every night every hour",
        synonyms.expand("recompute the totals every night at 3am"));
    assertEquals("", synonyms.expand("every nightingale sings"));
    assertEquals(
        "cron schedule scheduled hourly every night every hour",
        synonyms.expand("a nightly export"));
  }

  @Test
  void aWordOfTheGroupTheQueryAlreadyHasIsNotAddedAgain() {
    assertEquals(
        "scheduled nightly hourly every night every hour", synonyms.expand("schedule a cron job"));
  }
}
