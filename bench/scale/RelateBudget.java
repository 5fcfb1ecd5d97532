// bench/scale/RelateBudget.java DIR OUT BUDGET... : builds the routing index of a content folder once, then for each
// BUDGET (the most postings one skill's query may walk, SimilarSkills.MAX_POSTINGS; "max" for none) times the
// related-skills search for every skill on one thread (thread CPU time, asking for 7 as the relate stage does) and
// writes every skill's similar skills to OUT-BUDGET.txt, one line a skill, to count the lists a budget changes.
// The budget is package-private: this reaches it by reflection. A budget of B/k on `large` is what B is on its
// k-times replica (every word there is k times as frequent). Run: java -XX:+UseSerialGC -Xmx6g -cp target/skillsite.jar
// bench/scale/RelateBudget.java ../shared/corpora/large /tmp/rel max 354 40000
import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.Similar;
import dev.skillsite.routing.SimilarSkills;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public class RelateBudget {
  public static void main(String[] a) throws Exception {
    var bean = ManagementFactory.getThreadMXBean();
    long t0 = bean.getCurrentThreadCpuTime();
    Catalog c = new ContentLoader().load(Path.of(a[0]), 200_000);
    RoutingIndex index = RoutingIndex.build(c.skills());
    System.out.printf("%d skills: load + index CPU %.1f s%n", c.skills().size(), (bean.getCurrentThreadCpuTime() - t0) / 1e9);
    Method reader = RoutingIndex.class.getDeclaredMethod("reader");
    reader.setAccessible(true);
    Class<?> statsClass = Class.forName("dev.skillsite.routing.TermStats");
    Method read = statsClass.getDeclaredMethod("read", org.apache.lucene.index.IndexReader.class, List.class);
    read.setAccessible(true);
    Constructor<SimilarSkills> make = SimilarSkills.class.getDeclaredConstructor(RoutingIndex.class, statsClass, int.class);
    make.setAccessible(true);
    for (int i = 2; i < a.length; i++) {
      int budget = a[i].equals("max") ? Integer.MAX_VALUE : Integer.parseInt(a[i]);
      long r0 = bean.getCurrentThreadCpuTime();
      Object stats = read.invoke(null, reader.invoke(index), List.of("all", "body"));
      SimilarSkills sim = make.newInstance(index, stats, budget);
      long r1 = bean.getCurrentThreadCpuTime();
      List<String> lines = new ArrayList<>();
      long found = 0;
      for (Skill s : c.skills()) {
        List<Similar> l = sim.similar(s.id(), 7);
        found += l.size();
        StringBuilder b = new StringBuilder(s.id().value()).append('\t');
        for (Similar x : l) b.append(x.id().value()).append(' ').append(x.score()).append(" (").append(x.reason()).append(") ");
        lines.add(b.toString());
      }
      long r2 = bean.getCurrentThreadCpuTime();
      System.out.printf("budget %s: postings read %.2f s, relate CPU %.2f s, %.1f us a skill, %d similar%n", a[i], (r1 - r0) / 1e9, (r2 - r1) / 1e9, (r2 - r1) / 1e3 / c.skills().size(), found);
      Files.write(Path.of(a[1] + "-" + a[i] + ".txt"), lines);
    }
  }
}
