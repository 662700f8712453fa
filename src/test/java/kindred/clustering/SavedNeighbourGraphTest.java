package kindred.clustering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The neighbour graph saved by one index and read by a new one (a new process) instead of being built again.
 * A small exact-search limit makes the index use the graph from a few hundred faces.
 */
class SavedNeighbourGraphTest {

    private static final ClusterSettings GRAPH_FROM_100 = ClusterSettings.DEFAULT.withExactSearchLimit(100);

    private final SyntheticFaces gen = new SyntheticFaces(5);
    private final List<float[]> people = new ArrayList<>();
    private long nextId = 1;

    private List<FaceVector> faces(int n) {
        List<FaceVector> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (people.size() < 40 || i % 5 == 0) {
                people.add(gen.person());
            }
            long id = nextId++;
            out.add(new FaceVector(id, id, gen.face(people.get((int) (id * 7919 % people.size())))));
        }
        return out;
    }

    /** The first index: faces clustered, graph saved. */
    private record Saved(List<FaceVector> faces, Map<Long, Long> keys, byte[] graph, FaceClusterIndex index) {
    }

    private Saved saved(int n) throws IOException {
        FaceClusterIndex index = new FaceClusterIndex(GRAPH_FROM_100);
        List<FaceVector> first = faces(n);
        index.add(first, new AtomicLong(1)::getAndIncrement);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(index.saveNeighbours(out)).isTrue();
        Map<Long, Long> keys = new HashMap<>();
        for (FaceVector f : first) {
            keys.put(f.faceId(), index.clusterOf(f.faceId()).orElseThrow());
        }
        return new Saved(first, keys, out.toByteArray(), index);
    }

    @Test
    void newFacesAreClusteredAsByTheIndexThatSavedTheGraph() throws IOException {
        Saved s = saved(600);
        List<FaceVector> next = faces(200);
        FaceClusterIndex reloaded = new FaceClusterIndex(GRAPH_FROM_100);

        boolean used = reloaded.load(s.faces(), s.keys(), new ByteArrayInputStream(s.graph()));
        ClusterUpdate expected = s.index().add(next, new AtomicLong(10_000)::getAndIncrement);
        ClusterUpdate actual = reloaded.add(next, new AtomicLong(10_000)::getAndIncrement);

        assertThat(used).isTrue();
        assertThat(actual.clusterOfFace()).isEqualTo(expected.clusterOfFace());
        assertThat(actual.newClusters()).isEqualTo(expected.newClusters());
    }

    @Test
    void facesGoneSinceTheSaveAreNeverNeighboursAgain() throws IOException {
        Saved s = saved(600);
        List<FaceVector> kept = new ArrayList<>(s.faces());
        List<FaceVector> gone = new ArrayList<>();
        for (int i = 0; i < kept.size(); i += 10) {
            gone.add(kept.get(i));
        }
        kept.removeAll(gone);
        FaceClusterIndex reloaded = new FaceClusterIndex(GRAPH_FROM_100);

        boolean used = reloaded.load(kept, s.keys(), new ByteArrayInputStream(s.graph()));
        ClusterUpdate u = reloaded.add(faces(200), new AtomicLong(10_000)::getAndIncrement);

        assertThat(used).isTrue();
        assertThat(reloaded.size()).isEqualTo(kept.size() + 200);
        for (FaceVector f : gone) {
            assertThat(reloaded.clusterOf(f.faceId())).isEmpty();
        }
        assertThat(u.clusterOfFace()).hasSize(200);
    }

    @Test
    void aGraphMissingMostFacesIsBuiltAgainInstead() throws IOException {
        Saved s = saved(600);
        List<FaceVector> few = s.faces().subList(0, 300);
        FaceClusterIndex reloaded = new FaceClusterIndex(GRAPH_FROM_100);

        boolean used = reloaded.load(few, s.keys(), new ByteArrayInputStream(s.graph()));
        ClusterUpdate u = reloaded.add(faces(50), new AtomicLong(10_000)::getAndIncrement);

        assertThat(used).isFalse();
        assertThat(u.clusterOfFace()).hasSize(50);
    }

    @Test
    void unreadableGraphDataIsIgnoredAndTheGraphBuiltAgain() throws IOException {
        Saved s = saved(300);
        byte[] broken = s.graph().clone();
        for (int i = broken.length / 2; i < broken.length; i++) {
            broken[i] = (byte) 0xFF;
        }
        FaceClusterIndex reloaded = new FaceClusterIndex(GRAPH_FROM_100);

        boolean used = reloaded.load(s.faces(), s.keys(), new ByteArrayInputStream(broken));
        ClusterUpdate u = reloaded.add(faces(50), new AtomicLong(10_000)::getAndIncrement);

        assertThat(used).isFalse();
        assertThat(reloaded.size()).isEqualTo(350);
        assertThat(u.clusterOfFace()).hasSize(50);
    }

    @Test
    void facesClusteredSinceTheSaveAreInsertedIntoTheGraph() throws IOException {
        Saved s = saved(400);
        List<FaceVector> more = faces(100);
        s.index().add(more, new AtomicLong(10_000)::getAndIncrement);
        List<FaceVector> all = new ArrayList<>(s.faces());
        all.addAll(more);
        Map<Long, Long> keys = new HashMap<>(s.keys());
        for (FaceVector f : more) {
            keys.put(f.faceId(), s.index().clusterOf(f.faceId()).orElseThrow());
        }
        FaceClusterIndex reloaded = new FaceClusterIndex(GRAPH_FROM_100);

        boolean used = reloaded.load(all, keys, new ByteArrayInputStream(s.graph()));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        reloaded.saveNeighbours(again);
        ByteArrayOutputStream original = new ByteArrayOutputStream();
        s.index().saveNeighbours(original);

        assertThat(used).isTrue();
        assertThat(again.toByteArray()).isEqualTo(original.toByteArray());
    }
}
