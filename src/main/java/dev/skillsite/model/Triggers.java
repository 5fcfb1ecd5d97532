package dev.skillsite.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What a description says should make a skill fire.
 *
 * @param phrases quoted user phrases: {@code asks to "add a background job"} gives {@code add a
 *     background job}
 * @param keywords listed terms: {@code mentions Oban, Oban Pro} gives {@code Oban}, {@code Oban
 *     Pro}
 * @param useWhen "Use when …" / "Triggers on …" clauses, as written
 * @param notFor "Not for …" / "Do not use for …" clauses: negative signals, kept apart
 * @param clauses the prose of the "Use when …" clauses split at list boundaries into short requests
 *     ({@code Use when auditing websites for accessibility, implementing WCAG} gives {@code
 *     auditing websites for accessibility} and {@code implementing WCAG}); none repeats a phrase or
 *     keyword
 * @param fallback when the description has no "Use when" clause: its first sentence, what the skill
 *     does, which stands in as a trigger; else empty
 */
public record Triggers(
    List<String> phrases,
    List<String> keywords,
    List<String> useWhen,
    List<String> notFor,
    List<String> clauses,
    String fallback) {
  public static final Triggers NONE = new Triggers(List.of(), List.of(), List.of(), List.of());

  public Triggers {
    phrases = List.copyOf(phrases);
    keywords = List.copyOf(keywords);
    useWhen = List.copyOf(useWhen);
    notFor = List.copyOf(notFor);
    clauses = List.copyOf(clauses);
    fallback = fallback.strip();
  }

  /** Phrases, keywords and not-for clauses only (no prose clauses, no fallback). */
  public Triggers(
      List<String> phrases, List<String> keywords, List<String> useWhen, List<String> notFor) {
    this(phrases, keywords, useWhen, notFor, List.of(), "");
  }

  /**
   * Whether the description says nothing about when to fire: no phrase, keyword, clause or
   * fallback.
   */
  public boolean isEmpty() {
    return phrases.isEmpty()
        && keywords.isEmpty()
        && useWhen.isEmpty()
        && clauses.isEmpty()
        && fallback.isEmpty();
  }

  /**
   * The whole trigger set, each entry a request a user could type: phrases, keywords, clauses, then
   * the fallback sentence. What {@code check} routes to find collisions and unreachable skills, and
   * what the home page counts.
   */
  public List<String> all() {
    List<String> out = new ArrayList<>(phrases.size() + keywords.size() + clauses.size() + 1);
    out.addAll(phrases);
    out.addAll(keywords);
    out.addAll(clauses);
    if (!fallback.isEmpty()) {
      out.add(fallback);
    }
    return out;
  }
}
