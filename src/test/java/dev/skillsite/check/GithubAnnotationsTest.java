package dev.skillsite.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SourcePos;
import org.junit.jupiter.api.Test;

class GithubAnnotationsTest {
  @Test
  void warningBecomesAnnotationWithRepositoryPath() {
    Diagnostic d =
        Diagnostic.warning(
            new SourcePos("skills/a/SKILL.md", 3, 7), "first-person", "says 'I can'");
    assertEquals(
        "::warning file=content/skills/a/SKILL.md,line=3,col=7,title=first-person::says 'I can'",
        new GithubAnnotations("content/").format(d));
  }

  @Test
  void messageEscapesPercentAndLineBreaksAndPropertiesAlsoColonAndComma() {
    Diagnostic d =
        Diagnostic.error(new SourcePos("a,b:c%/SKILL.md", 1, 1), "x", "50% done\r\nnext: a, b");
    assertEquals(
        "::error file=a%2Cb%3Ac%25/SKILL.md,line=1,col=1,title=x::50%25 done\\u000d\\u000anext: a, b",
        new GithubAnnotations("").format(d));
  }

  @Test
  void controlAndBidirectionalCharactersFromContentAreEscapedOnOneLine() {
    Diagnostic d =
        Diagnostic.warning(new SourcePos("x\u202e/SKILL.md", 2, 1), "x", "name '\u001b[2K\rok'");
    assertEquals(
        "::warning file=x\\u202e/SKILL.md,line=2,col=1,title=x::name '\\u001b[2K\\u000dok'",
        new GithubAnnotations("").format(d));
  }
}
