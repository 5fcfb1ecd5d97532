package dev.skillsite.model;

import java.util.regex.Pattern;

/** A skill's URL slug, unique in a site: {@code skills/<id>/index.html}. */
public record SkillId(String value) implements Comparable<SkillId> {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:[-.][a-z0-9]+)*");

  public SkillId {
    if (value == null || !SLUG.matcher(value).matches()) {
      throw new IllegalArgumentException("not a slug: " + value);
    }
  }

  @Override
  public int compareTo(SkillId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
