// bench/scale/RelateOnly.java DIR [OUT]: builds the routing index of a content folder, then times the related-skills
// search for every skill on one thread (thread CPU time), asking for 7 as the relate stage does for a skill that
// declares none, -Dreps=3 times (quote the median). With OUT, writes every skill's similar skills there, one line a skill ("id<TAB>a b c"), to diff two
// jars' relations. Run: java -XX:+UseSerialGC -Xmx3g -cp target/skillsite.jar bench/scale/RelateOnly.java
// ../shared/corpora/large /tmp/rel.txt
import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.Similar;
import dev.skillsite.routing.SimilarSkills;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public class RelateOnly {
  public static void main(String[] a) throws Exception {
    Catalog c = new ContentLoader().load(Path.of(a[0]), 200_000);
    RoutingIndex index = RoutingIndex.build(c.skills());
    SimilarSkills sim = index.similarSkills();
    var bean = ManagementFactory.getThreadMXBean();
    for (Skill s : c.skills().subList(0, Math.min(200, c.skills().size()))) sim.similar(s.id(), 7); // warm up
    List<List<Similar>> all = new ArrayList<>();
    int reps = Integer.getInteger("reps", 3);
    for (int r = 0; r < reps; r++) { // the median of a few passes is the figure (the first one warms the JIT up)
      all.clear();
      long cpu0 = bean.getCurrentThreadCpuTime();
      long found = 0;
      for (Skill s : c.skills()) {
        List<Similar> l = sim.similar(s.id(), 7);
        found += l.size();
        all.add(l);
      }
      long cpu = bean.getCurrentThreadCpuTime() - cpu0;
      System.out.printf("%d skills: relate CPU %.2f s, %.1f us a skill, %d similar%n", c.skills().size(), cpu / 1e9, cpu / 1e3 / c.skills().size(), found);
    }
    if (a.length > 1) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        StringBuilder b = new StringBuilder(c.skills().get(i).id().value()).append('\t');
        for (Similar s : all.get(i)) b.append(s.id().value()).append(' ').append(s.score()).append(" (").append(s.reason()).append(") ");
        lines.add(b.toString());
      }
      Files.write(Path.of(a[1]), lines);
    }
  }
}
