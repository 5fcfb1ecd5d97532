package dev.skillsite.routing;

import java.util.List;

/** Field names of the routing index and their query boosts. */
public final class Fields {
  private Fields() {}

  static final String ID = "id";
  public static final String NAME = "name";
  public static final String PHRASE = "phrase";
  public static final String KEYWORD = "keyword";
  public static final String DESCRIPTION = "description";
  public static final String HEADING = "heading";
  public static final String BODY = "body";

  /** Name, description, phrases, keywords and headings as two-word shingles. */
  public static final String SHINGLE = "shingle";

  /**
   * Name, description, phrases and keywords with plural-only stemming: exact word forms score
   * extra.
   */
  public static final String LIGHT = "light";

  /**
   * Name, description, triggers, headings and not-for clauses, for document frequencies (with
   * {@link #BODY}).
   */
  public static final String ALL = "all";

  /**
   * Stored only: the skill's display name and source path. {@link #DESCRIPTION} is stored whole but
   * indexed without its "Not for" clauses.
   */
  static final String DISPLAY_NAME = "display_name";

  static final String SOURCE = "source";

  /**
   * The "Not for …" clauses of the description: not searched, used against a skill by {@link
   * Confidence}.
   */
  public static final String NOT_FOR = "not_for";

  /** A searched field and its boost. */
  public record Weighted(String field, float boost) {}

  /** The fields a query searches, with their boosts. */
  public static final List<Weighted> SEARCHED =
      List.of(
          new Weighted(NAME, 1.33f),
          new Weighted(PHRASE, 0f),
          new Weighted(KEYWORD, 0f),
          new Weighted(DESCRIPTION, 2.0f),
          new Weighted(HEADING, 1.0f),
          new Weighted(BODY, 1.6f),
          new Weighted(SHINGLE, 0.75f),
          new Weighted(LIGHT, 0.5f));
}
