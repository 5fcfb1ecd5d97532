package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageTimerTest {
  @TempDir Path tmp;

  @Test
  void eachStageSumsTheTimesReportedForItAndTheWrappedProgressStillHearsEverything() {
    List<String> heard = new ArrayList<>();
    Progress inner =
        new Progress() {
          @Override
          public void stage(String stage, int step, int steps) {
            heard.add(step + "/" + steps + " " + stage);
          }

          @Override
          public void finished(String stage, long nanos) {
            heard.add(stage + " " + nanos);
          }

          @Override
          public void done() {
            heard.add("done");
          }
        };
    StageTimer timer = new StageTimer(inner);
    timer.stage("load", 1, 3);
    timer.finished("load", 120_000_000);
    timer.stage("index", 2, 3);
    timer.stage("render", 3, 3); // beside index: reported as it ends, in any order
    timer.finished("index", 2_400_000);
    timer.finished("render", 600_000_000);
    timer.finished("render", 400_000_000); // its second half
    timer.done();
    assertEquals(Map.of("load", 120L, "index", 2L, "render", 1000L), timer.millis());
    assertEquals(List.of("load", "index", "render"), List.copyOf(timer.millis().keySet()));
    assertEquals(
        List.of(
            "1/3 load",
            "load 120000000",
            "2/3 index",
            "3/3 render",
            "index 2400000",
            "render 600000000",
            "render 400000000",
            "done"),
        heard);
    assertEquals(
        "timings: load 120 ms, index 2 ms, render 1000 ms (JVM start to end 1.5 s)",
        timer.summary(1_500));
  }

  @Test
  void aBuildReportsEveryStageItRanInOrder() throws IOException {
    Path content = tmp.resolve("content");
    dev.skillsite.testing.TestSkills.write(
        content, "alpha", "Use when the user asks to \"brew green tea\".", "Steep it.");
    StageTimer timer = new StageTimer(Progress.NONE);
    new BuildPipeline(new dev.skillsite.site.SiteGenerator(Optional.empty()), timer)
        .run(new BuildOptions(content, tmp.resolve("site"), Optional.empty(), true));
    // the audit is on unless the collection turns it off
    assertEquals(
        List.of("load", "audit", "index", "relate", "health", "render", "export", "swap"),
        List.copyOf(timer.millis().keySet()));
    assertTrue(timer.millis().values().stream().allMatch(ms -> ms >= 0));
  }
}
