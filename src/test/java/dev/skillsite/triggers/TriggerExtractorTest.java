package dev.skillsite.triggers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Triggers;
import dev.skillsite.testing.Frontmatter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TriggerExtractorTest {
  private static final Path CORPORA = Path.of("../shared/corpora");
  private static final String LARGE = "large/cli-tool/components/skills/";
  private static final String ELIXIR = "elixir/plugins/elixir/skills/";
  private final TriggerExtractor extractor = new TriggerExtractor();

  /**
   * Real descriptions (read at test time) and facts their extraction must show. Kinds: phrase,
   * keyword, useWhen / notFor (a clause containing the text), notPhrase / notKeyword (must be
   * absent).
   */
  static Stream<String[]> realDescriptions() {
    return Stream.of(
        row(ELIXIR + "ecto-thinking", "phrase", "fix N+1 queries"),
        row(ELIXIR + "ecto-thinking", "keyword", "Ecto.Multi"),
        row(ELIXIR + "ecto-thinking", "keyword", "belongs_to"),
        row(ELIXIR + "oban-thinking", "phrase", "add a background job"),
        row(ELIXIR + "oban-thinking", "keyword", "Oban Pro"),
        row(ELIXIR + "oban-thinking", "keyword", "troubleshooting job failures"),
        row(ELIXIR + "otp-thinking", "phrase", "let it crash"),
        row(ELIXIR + "otp-thinking", "keyword", "DynamicSupervisor"),
        row(ELIXIR + "otp-thinking", "keyword", "supervision trees"),
        row(ELIXIR + "otp-thinking", "notKeyword", "let it crash"),
        row(ELIXIR + "phoenix-thinking", "phrase", "why is mount called twice?"),
        row(ELIXIR + "phoenix-thinking", "keyword", "PubSub"),
        row(ELIXIR + "elixir-thinking", "phrase", "should I use a GenServer here?"),
        row(ELIXIR + "elixir-thinking", "keyword", "pattern matching"),
        row(ELIXIR + "using-elixir-skills", "phrase", "which skill should I use"),
        row(ELIXIR + "using-elixir-skills", "useWhen", "Triggers on \"implement\""),
        row(
            "anthropic/skills/algorithmic-art",
            "useWhen",
            "generative art, algorithmic art, flow fields"),
        row("anthropic/skills/claude-api", "useWhen", "TRIGGER — read BEFORE opening"),
        row(
            "anthropic/skills/claude-api",
            "notFor",
            "SKIP only when another provider is being worked on"),
        row("anthropic/skills/claude-api", "notKeyword", "OpenAI"),
        row(
            "anthropic/skills/web-artifacts-builder",
            "notFor",
            "not for simple single-file HTML/JSX artifacts"),
        row(
            "anthropic/skills/web-artifacts-builder",
            "useWhen",
            "Use for complex artifacts requiring state management"),
        row("anthropic/skills/doc-coauthoring", "keyword", "drafting specs"),
        row("anthropic/skills/slack-gif-creator", "phrase", "make me a GIF of X doing Y for Slack"),
        row("anthropic/skills/skill-creator", "useWhen", "run evals to test a skill"),
        row(LARGE + "ai-research/perplexity", "phrase", "look up"),
        row(LARGE + "ai-research/perplexity", "notFor", "NOT for library/framework docs"),
        row(LARGE + "ai-research/perplexity", "notKeyword", "Context7"),
        row(LARGE + "development/task-execution-engine", "phrase", "start implementation"),
        row(LARGE + "development/task-execution-engine", "phrase", "resume"),
        row(LARGE + "productivity/nowait", "phrase", "reduce thinking tokens"),
        row(LARGE + "career/interview-prep-generator", "keyword", "STAR method"),
        row(LARGE + "career/resume-ats-optimizer", "keyword", "applicant tracking"),
        row(LARGE + "development/command-creator", "phrase", "make a slash command"),
        row(LARGE + "sentry/commit", "useWhen", "writing commit messages"),
        row(
            LARGE + "development/prisma-expert",
            "useWhen",
            "Use PROACTIVELY for Prisma schema issues"),
        row(LARGE + "productivity/doc-chaser-lite", "phrase", "chase a client's documents"),
        row(LARGE + "productivity/doc-chaser-lite", "notKeyword", "chase a clients documents"),
        row(LARGE + "ai-research/computer-use-agents", "keyword", "GUI automation"),
        row(LARGE + "business-marketing/marketing-strategy-pmm", "keyword", "go-to-market"),
        row(
            LARGE + "security/security-threat-model",
            "notFor",
            "Do not trigger for general architecture summaries"),
        row(
            "medium/wshobson__agents/plugins/brand-landingpage/skills/brand-landingpage",
            "notFor",
            "Skip when they have a design mockup"),
        row(
            "medium/wshobson__agents/plugins/brand-landingpage/skills/brand-landingpage",
            "useWhen",
            "build a landing page"),
        row(
            "trigger-evals/bytedance__deer-flow/skills/public/newsletter-generation",
            "phrase",
            "write a weekly digest"),
        row(
            "trigger-evals/luqmannurhakimbazman__ashford/egg/skills/mlx-dev",
            "useWhen",
            "Apple Silicon performance"),
        row("trigger-evals/3rd-Musketeer__ios-simulator-skill", "phrase", "serve-sim"),
        row("trigger-evals/Kaminoikari__product-playbook", "phrase", "North Star"),
        row(
            "trigger-evals/Kaminoikari__product-playbook",
            "notFor",
            "DO NOT trigger for: writing code"),
        row("trigger-evals/Kaminoikari__product-playbook", "useWhen", "ALSO trigger when"),
        // prose clauses and the fallback sentence
        row("anthropic/skills/skill-creator", "clause", "run evals to test a skill"),
        row("anthropic/skills/algorithmic-art", "clause", "flow fields"),
        row("anthropic/skills/mcp-builder", "clauseContains", "building MCP servers"),
        row(
            "anthropic/skills/webapp-testing",
            "fallback",
            "testing local web applications using Playwright"),
        row("anthropic/skills/frontend-design", "fallback", "visual design"),
        row("anthropic/skills/skill-creator", "noFallback", ""),
        row(
            LARGE + "utilities/address-github-comments",
            "clauseContains",
            "address review or issue comments"),
        // negations: a quoted phrase or a clause inside them is no trigger; "not for" ones join
        // notFor
        row("anthropic/skills/claude-api", "notPhrase", "looks like a one-liner"),
        row("anthropic/skills/claude-api", "notClause", "answer from memory"),
        row("anthropic/skills/claude-api", "clauseContains", "prompt names Claude/Anthropic"),
        row("anthropic/skills/algorithmic-art", "notClause", "copying existing artists"),
        row("anthropic/skills/canvas-design", "notClause", "copying existing artists"),
        row(LARGE + "development/claude-api", "notFor", "SKIP: file imports"),
        row(
            LARGE + "creative-design/premium-web-design",
            "notFor",
            "Do NOT trigger for dashboards"),
        row(LARGE + "productivity/mac-storage-cleaner", "notFor", "Do NOT use for cloud storage"),
        row(LARGE + "productivity/devil", "notFor", "Do NOT use it to: write or draft a new spec"),
        row(LARGE + "scientific/diffdock", "notFor", "Not for affinity prediction"),
        row(LARGE + "railway/deployment", "notFor", "NOT for deleting services"),
        row(LARGE + "railway/status", "notFor", "NOT for variables or configuration queries"),
        row(
            LARGE + "security/security-best-practices",
            "notFor",
            "Do not trigger for general code review"),
        row(LARGE + "security/security-ownership-map", "notFor", "general maintainer lists"),
        row(LARGE + "security/incident-reporting-navigator", "notClause", "model memory"),
        row(LARGE + "scientific/sympy", "notClause", "numerical approximations"),
        row(LARGE + "utilities/browser-automation", "notClause", "Puppeteer"),
        row(LARGE + "operations/weekly-ops-report", "notClause", "chart dump"),
        row(LARGE + "ai-research/loki-mode", "notNotFor", "skip-permissions"),
        row(
            "trigger-evals/jayden-dang__skills/skills/track/amend",
            "notFor",
            "Not for a brand-new feature"),
        row(
            "trigger-evals/jayden-dang__skills/skills/meta/ask",
            "notFor",
            "not for discovering or installing"),
        row(
            "trigger-evals/alirezarezvani__claude-skills/engineering/behuman/skills/behuman",
            "notFor",
            "NOT for technical questions"),
        row(
            "trigger-evals/bytedance__deer-flow/skills/public/systematic-literature-review",
            "notFor",
            "Not for single-paper tasks"),
        row(
            "trigger-evals/franklinnolasco7__wcag-accessibility-skill",
            "notFor",
            "Do not use for general HTML/CSS styling"),
        row(
            "trigger-evals/Jeel-Org__jeelpay-integration-skills/jeelpay-integration-skills",
            "notPhrase",
            "JeelPay"));
  }

  private static String[] row(String folder, String kind, String fact) {
    return new String[] {folder + "/SKILL.md", kind, fact};
  }

  private static final ConcurrentHashMap<String, Triggers> CACHE = new ConcurrentHashMap<>();

  private Triggers triggersOf(String relPath) throws IOException {
    Path file = CORPORA.resolve(relPath);
    Assumptions.assumeTrue(Files.isRegularFile(file), "corpus file missing: " + file);
    Triggers cached = CACHE.get(relPath);
    if (cached != null) {
      return cached;
    }
    Triggers t = extractor.extract(Frontmatter.description(file));
    CACHE.put(relPath, t);
    return t;
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @MethodSource("realDescriptions")
  void realDescriptionYieldsFact(String path, String kind, String fact) throws IOException {
    Triggers t = triggersOf(path);
    switch (kind) {
      case "phrase" -> assertTrue(t.phrases().contains(fact), () -> "phrases " + t.phrases());
      case "keyword" -> assertTrue(t.keywords().contains(fact), () -> "keywords " + t.keywords());
      case "notPhrase" -> assertFalse(t.phrases().contains(fact), () -> "phrases " + t.phrases());
      case "notKeyword" ->
          assertFalse(t.keywords().contains(fact), () -> "keywords " + t.keywords());
      case "useWhen" ->
          assertTrue(
              t.useWhen().stream().anyMatch(c -> c.contains(fact)), () -> "useWhen " + t.useWhen());
      case "notFor" ->
          assertTrue(
              t.notFor().stream().anyMatch(c -> c.contains(fact)), () -> "notFor " + t.notFor());
      case "notNotFor" ->
          assertFalse(
              t.notFor().stream().anyMatch(c -> c.contains(fact)), () -> "notFor " + t.notFor());
      case "clause" -> assertTrue(t.clauses().contains(fact), () -> "clauses " + t.clauses());
      case "clauseContains" ->
          assertTrue(
              t.clauses().stream().anyMatch(c -> c.contains(fact)), () -> "clauses " + t.clauses());
      case "notClause" ->
          assertFalse(
              t.clauses().stream().anyMatch(c -> c.contains(fact))
                  || t.phrases().contains(fact)
                  || t.keywords().contains(fact)
                  || t.fallback().contains(fact),
              () -> "triggers " + t.all());
      case "fallback" ->
          assertTrue(t.fallback().contains(fact), () -> "fallback '" + t.fallback() + "'");
      case "noFallback" -> assertEquals("", t.fallback());
      default -> throw new IllegalArgumentException(kind);
    }
  }

  @Test
  void tableCoversAtLeastTwentyFiveDescriptions() {
    assertTrue(realDescriptions().map(r -> r[0]).distinct().count() >= 25);
  }

  @Test
  void curlyQuotesAndSingleQuotedPhrases() {
    Triggers t =
        extractor.extract(
            "Helps with charts. Triggers on “make a bar chart”, 'plot this data' and the user's own words.");
    assertEquals(List.of("make a bar chart", "plot this data"), t.phrases());
  }

  @Test
  void apostrophesAreNotQuotes() {
    Triggers t =
        extractor.extract(
            "Creates art without copying artists' work. Don't use it for the user's logos.");
    assertEquals(List.of(), t.phrases());
    assertEquals(List.of("Don't use it for the user's logos."), t.notFor());
  }

  @Test
  void phrasesInNegativeClausesAreNotTriggers() {
    Triggers t =
        extractor.extract(
            "Use when asked to \"deploy the app\". Not for \"deploy a database\" requests.");
    assertEquals(List.of("deploy the app"), t.phrases());
    assertEquals(List.of("Not for \"deploy a database\" requests."), t.notFor());
  }

  @Test
  void keywordsLineIsAList() {
    Triggers t =
        extractor.extract("Terraform helper.\nKeywords: terraform, HCL, state drift, plan/apply");
    assertEquals(List.of("terraform", "HCL", "state drift", "plan/apply"), t.keywords());
  }

  @Test
  void notForClausesInOtherLanguages() {
    // Chinese: a sentence ends at 。 with no space after it; 不要用于 is "do not use for"
    Triggers zh = extractor.extract("制作滚动驱动的 3D 页面。用户提到滚动电影时使用。不要用于 WebXR 交互或普通视频剪辑。");
    assertEquals(List.of("不要用于 WebXR 交互或普通视频剪辑。"), zh.notFor());
    Triggers it =
        extractor.extract(
            "Costruisce piani alimentari. Non usarla per ricette singole o consigli medici.");
    assertEquals(List.of("Non usarla per ricette singole o consigli medici."), it.notFor());
    // Korean puts the verb last: what the skill is not for comes before the cue, so the sentence is
    // the clause
    Triggers ko = extractor.extract("아이디어를 목표로 바꾼다. 단순 번역에는 사용하지 마세요.");
    assertEquals(List.of("단순 번역에는 사용하지 마세요."), ko.notFor());
  }

  @Test
  void emptyDescriptionGivesNothing() {
    assertTrue(extractor.extract("").isEmpty());
  }
}
