package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `kindred recluster` on faces no incremental pass has clustered yet stores their clusters. */
class ReclusterCommandTest {

    @TempDir
    Path tmp;

    @Test
    void reclusteringFacesNeverClusteredBeforeStoresEveryCluster() throws Exception {
        Path lib = tmp.resolve("library");
        SyntheticLibrary s = new SyntheticLibrary(lib, 1, 512);
        Random r = new Random(2);
        List<float[]> v = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            float[] c = s.randomDirection();
            for (int i = 0; i < 40; i++) {
                v.add(s.atCosine(c, 0.92 + 0.06 * r.nextDouble()));
            }
        }
        s.addFaces("/synthetic", v);
        assertThat(new CliHarness(lib).run("recluster").out()).contains("3 clusters");
        assertThat(FaultInjectionTest.count(lib, "SELECT count(*) FROM faces WHERE cluster_id IS NOT NULL")).isEqualTo(120);
        assertThat(FaultInjectionTest.count(lib, "SELECT count(DISTINCT cluster_id) FROM faces")).isEqualTo(3);
    }
}
