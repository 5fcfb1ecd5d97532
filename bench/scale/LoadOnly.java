// bench/scale/LoadOnly.java DIR: loads a content folder (up to 200,000 skills) and prints the live heap after a full GC.
// Run: java -XX:+UseSerialGC -Xmx4g -cp target/skillsite.jar bench/scale/LoadOnly.java /tmp/i27-large-x113
import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Catalog;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

public class LoadOnly {
  public static void main(String[] a) throws Exception {
    long t0 = System.nanoTime();
    Catalog c = new ContentLoader().load(Path.of(a[0]), 200_000);
    long t1 = System.nanoTime();
    System.gc(); System.gc();
    var mem = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long refs = c.skills().stream().mapToLong(s -> s.references().size()).sum();
    long chars = c.skills().stream().mapToLong(s -> s.bodyText().length() + s.references().stream().mapToLong(r -> r.text().length()).sum()).sum();
    System.out.printf("skills %d, references %d, Markdown chars %d, diagnostics %d%n", c.skills().size(), refs, chars, c.diagnostics().size());
    System.out.printf("load %.1f s wall; heap used after full GC with the catalog live: %d MB%n", (t1 - t0) / 1e9, mem.getUsed() >> 20);
    System.out.println(c.skills().get(c.skills().size() - 1).id());
  }
}
