package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageTimerTest {
  @Test
  void eachStageLastsUntilTheNextOneStartsAndTheWrappedProgressStillHearsEverything() {
    long[] now = {0};
    List<String> heard = new ArrayList<>();
    Progress inner =
        new Progress() {
          @Override
          public void stage(String stage, int step, int steps) {
            heard.add(step + "/" + steps + " " + stage);
          }

          @Override
          public void done() {
            heard.add("done");
          }
        };
    StageTimer timer = new StageTimer(inner, () -> now[0]);
    now[0] = 5_000_000; // before the first stage: not counted
    timer.stage("load", 1, 3);
    now[0] += 120_000_000;
    timer.stage("index", 2, 3);
    now[0] += 2_400_000;
    timer.stage("render", 3, 3);
    now[0] += 1_000_000_000;
    timer.done();
    now[0] += 9_000_000_000L; // after the build: not counted
    assertEquals(Map.of("load", 120L, "index", 2L, "render", 1000L), timer.millis());
    assertEquals(List.of("load", "index", "render"), List.copyOf(timer.millis().keySet()));
    assertEquals(List.of("1/3 load", "2/3 index", "3/3 render", "done"), heard);
    assertEquals(
        "timings: load 120 ms, index 2 ms, render 1000 ms (JVM start to end 1.5 s)",
        timer.summary(1_500));
  }
}
