// bench/scale/RelateOnly.java DIR: builds the routing index of a content folder, then times the related-skills
// search for every skill on one thread (thread CPU time). Run: java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx3g
// -cp target/skillsite.jar bench/scale/RelateOnly.java ../shared/corpora/large
import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.SimilarSkills;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

public class RelateOnly {
  public static void main(String[] a) throws Exception {
    Catalog c = new ContentLoader().load(Path.of(a[0]), 200_000);
    RoutingIndex index = RoutingIndex.build(c.skills());
    SimilarSkills sim = index.similarSkills();
    var bean = ManagementFactory.getThreadMXBean();
    for (Skill s : c.skills().subList(0, Math.min(200, c.skills().size()))) sim.similar(s.id(), 8); // warm up
    long cpu0 = bean.getCurrentThreadCpuTime();
    long found = 0;
    for (Skill s : c.skills()) found += sim.similar(s.id(), 8).size();
    long cpu = bean.getCurrentThreadCpuTime() - cpu0;
    System.out.printf("%d skills: relate CPU %.2f s, %.1f us a skill, %d similar%n", c.skills().size(), cpu / 1e9, cpu / 1e3 / c.skills().size(), found);
  }
}
