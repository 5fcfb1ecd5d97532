package dev.skillsite.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.testing.TestSkills;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which skill a term in prose names (issue 23: "OTP" links to otp-thinking, not the overview
 * listing it).
 */
class MentionIndexTest {
  private static final Skill OVERVIEW =
      TestSkills.of(
          "using-elixir-skills",
          "Use when the user asks \"which skill should I use?\", or mentions Elixir, Ecto, OTP, Oban or Mix.",
          "# Use\n");
  private static final Skill OTP =
      TestSkills.of(
          "otp-thinking",
          "Use when the user asks to \"add background processing\", or mentions GenServer or Supervisor.",
          "# OTP\n");
  private static final Skill ELIXIR =
      TestSkills.of(
          "elixir-thinking",
          "Use when the user asks to \"refactor this module\", or mentions pattern matching.",
          "# Elixir\n");

  @Test
  void aKeywordThatIsAWordOfOneSkillsNameLinksToThatSkill() {
    MentionIndex index = MentionIndex.of(List.of(OVERVIEW, OTP, ELIXIR));
    assertEquals(Optional.of(new SkillId("otp-thinking")), index.lookup("OTP"));
    // two names hold "elixir": the keyword stays with the skill that lists it
    assertEquals(Optional.of(new SkillId("using-elixir-skills")), index.lookup("Elixir"));
    // a keyword no name holds stays with its skill
    assertEquals(Optional.of(new SkillId("otp-thinking")), index.lookup("GenServer"));
    assertEquals(Optional.of(new SkillId("using-elixir-skills")), index.lookup("Oban"));
  }
}
