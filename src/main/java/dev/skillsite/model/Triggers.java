package dev.skillsite.model;

import java.util.List;

/**
 * What a description says should make a skill fire.
 *
 * @param phrases quoted user phrases: {@code asks to "add a background job"} gives {@code add a background job}
 * @param keywords listed terms: {@code mentions Oban, Oban Pro} gives {@code Oban}, {@code Oban Pro}
 * @param useWhen "Use when …" / "Triggers on …" clauses, as written
 * @param notFor "Not for …" / "Do not use for …" clauses: negative signals, kept apart
 */
public record Triggers(List<String> phrases, List<String> keywords, List<String> useWhen, List<String> notFor) {
  public static final Triggers NONE = new Triggers(List.of(), List.of(), List.of(), List.of());

  public Triggers {
    phrases = List.copyOf(phrases);
    keywords = List.copyOf(keywords);
    useWhen = List.copyOf(useWhen);
    notFor = List.copyOf(notFor);
  }

  public boolean isEmpty() {
    return phrases.isEmpty() && keywords.isEmpty() && useWhen.isEmpty();
  }
}
