package kindred.clustering.calibration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import kindred.library.FaceAnalyzer;
import kindred.library.eval.ClusterScores;
import kindred.model.DetectedFace;
import kindred.model.PhotoAnalysis;
import kindred.clustering.ClusterSettings;
import kindred.clustering.FaceClusterIndex;
import kindred.clustering.FaceVector;
import kindred.vision.OpenCvVisionProvider;

/**
 * Tool (not a test): how the minimum face quality and size for auto-clustering trade precision against
 * recall on an identities list (each photo's central face, product pipeline, product clustering).
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) kindred.clustering.calibration.QualitySweep \
 *     ../shared/eval/lfw-dev/images ../shared/eval/lfw-dev/cluster-identities.txt
 * </pre>
 */
public final class QualitySweep {

    record Face(String label, float[] v, double quality, double side) {
    }

    public static void main(String[] args) throws Exception {
        Path images = Path.of(args[0]);
        List<String> names = Files.readAllLines(Path.of(args[1])).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        List<Path> files = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String n : names) {
            try (Stream<Path> s = Files.list(images.resolve(n))) {
                for (Path p : s.sorted().toList()) {
                    files.add(p);
                    labels.add(n);
                }
            }
        }
        Face[] faces = new Face[files.size()];
        OpenCvVisionProvider vision = new OpenCvVisionProvider(Files.createTempDirectory("kindred-models"));
        AtomicInteger next = new AtomicInteger();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < Runtime.getRuntime().availableProcessors(); t++) {
            Thread th = new Thread(() -> {
                try (FaceAnalyzer a = vision.newAnalyzer()) {
                    int i;
                    while ((i = next.getAndIncrement()) < files.size()) {
                        PhotoAnalysis r = a.analyze(Files.readAllBytes(files.get(i)), 1, true);
                        DetectedFace f = r.faces().stream().filter(d -> d.embedding() != null)
                                .min(Comparator.comparingDouble(d -> Math.hypot(d.box().centerX() - r.width() / 2.0, d.box().centerY() - r.height() / 2.0)))
                                .orElse(null);
                        faces[i] = f == null ? null : new Face(labels.get(i), f.embedding().vector(), f.quality(), Math.min(f.box().w(), f.box().h()));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            th.start();
            ts.add(th);
        }
        for (Thread th : ts) {
            th.join();
        }
        double[] qs = new double[faces.length];
        int found = 0;
        for (Face f : faces) {
            if (f != null) {
                qs[found++] = f.quality();
            }
        }
        double[] sorted = java.util.Arrays.copyOf(qs, found);
        java.util.Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%d photos, %d faces found; quality p10 %.2f p25 %.2f p50 %.2f p75 %.2f%n", faces.length, found,
                sorted[found / 10], sorted[found / 4], sorted[found / 2], sorted[3 * found / 4]);
        for (double minQ : new double[] {0, 0.1, 0.2, 0.3, 0.4, 0.5}) {
            Map<Long, String> truth = new HashMap<>();
            List<FaceVector> vs = new ArrayList<>();
            for (int i = 0; i < faces.length; i++) {
                truth.put((long) i, labels.get(i));
                if (faces[i] != null && faces[i].quality() >= minQ && faces[i].side() >= 48) {
                    vs.add(new FaceVector(i, i, faces[i].v()));
                }
            }
            Map<Long, Long> c = FaceClusterIndex.clusterAll(ClusterSettings.DEFAULT, vs, List.of());
            Map<Long, Object> pred = new HashMap<>();
            for (int i = 0; i < faces.length; i++) {
                Long k = c.get((long) i);
                pred.put((long) i, k != null ? (Object) ("c" + k) : (Object) ("alone" + i));
            }
            ClusterScores s = ClusterScores.of(truth, pred);
            System.out.printf(Locale.ROOT, "min quality %.1f: %d clustered, BCubed P %.4f R %.4f F %.4f%n", minQ, vs.size(),
                    s.bcubedPrecision(), s.bcubedRecall(), s.bcubedF());
        }
    }
}
