package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnalysisTest {
  private final TermReader reader = new TermReader(Analysis.perField());

  @Test
  void camelCaseAndUnderscoresSplitKeepingTheWhole() {
    assertEquals(
        List.of("genserv", "gen", "server", "handle_cal", "handl", "call"),
        reader.terms(Fields.DESCRIPTION, "GenServer handle_call"));
  }

  @Test
  void stopWordsGoButNegationsStay() {
    assertEquals(
        List.of("send", "email", "without", "block", "signup"),
        reader.terms(Fields.DESCRIPTION, "I need to send the email without blocking the signup"));
  }

  @Test
  void shinglesJoinNeighboursAcrossStopWords() {
    assertEquals(
        List.of("add background", "background job"),
        reader.terms(Fields.SHINGLE, "add a background job"));
  }

  @Test
  void lightFieldOnlyDropsPlurals() {
    assertEquals(List.of("running", "job"), reader.terms(Fields.LIGHT, "running jobs"));
  }

  @Test
  void cjkRunsBecomeOverlappingPairs() {
    assertEquals(
        List.of("規劃", "劃新", "新功", "功能", "app"), reader.terms(Fields.DESCRIPTION, "規劃新功能 app"));
    assertEquals(List.of("新"), reader.terms(Fields.DESCRIPTION, "新"));
  }

  @Test
  void italianFunctionWordsGoButEnglishTechnicalWordsAndNegationStay() {
    assertEquals(
        List.of("crea", "piano", "settimana", "non", "dieta"),
        reader.terms(Fields.DESCRIPTION, "Crea un piano per la settimana, non per la dieta"));
    assertEquals(
        List.of("ai", "ci", "io", "del", "o", "n", "c"),
        reader.terms(Fields.DESCRIPTION, "AI CI io del O(n) C"));
  }
}
