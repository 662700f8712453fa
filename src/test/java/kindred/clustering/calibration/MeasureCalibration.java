package kindred.clustering.calibration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kindred.library.FaceAnalyzer;
import kindred.model.DetectedFace;
import kindred.model.PhotoAnalysis;
import kindred.vision.OpenCvVisionProvider;

/**
 * Tool (not a test): measures how often two DIFFERENT people's faces reach a cosine similarity, on the LFW
 * pairs file given (use pairsDevTrain.txt: the product's calibration must not see the test split), and prints
 * the false-match rate at each cosine for {@code kindred.clustering.SuggestionCalibration}.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) kindred.clustering.calibration.MeasureCalibration \
 *     ../shared/eval/lfw-dev/images ../shared/eval/lfw-dev/pairsDevTrain.txt
 * </pre>
 */
public final class MeasureCalibration {

    public static void main(String[] args) throws Exception {
        Path images = Path.of(args[0]);
        List<String> lines = Files.readAllLines(Path.of(args[1]));
        List<double[]> same = new ArrayList<>();
        List<Double> sameSims = new ArrayList<>();
        List<Double> diffSims = new ArrayList<>();
        Map<String, float[]> cache = new HashMap<>();
        try (FaceAnalyzer a = new OpenCvVisionProvider(Files.createTempDirectory("kindred-models")).newAnalyzer()) {
            for (String line : lines.subList(1, lines.size())) {
                String[] t = line.trim().split("\\s+");
                if (t.length == 3) {
                    sameSims.add(sim(a, images, cache, t[0], t[1], t[0], t[2]));
                } else if (t.length == 4) {
                    diffSims.add(sim(a, images, cache, t[0], t[1], t[2], t[3]));
                }
            }
        }
        diffSims.sort(Comparator.naturalOrder());
        sameSims.sort(Comparator.naturalOrder());
        System.out.printf(Locale.ROOT, "%d same pairs, %d different pairs%n", sameSims.size(), diffSims.size());
        for (double c = 0.20; c <= 0.801; c += 0.05) {
            final double t = c;
            long fm = diffSims.stream().filter(s -> s >= t).count();
            long tm = sameSims.stream().filter(s -> s >= t).count();
            System.out.printf(Locale.ROOT, "cosine %.2f  false-match rate %.4f (%d/%d)  true-match rate %.4f%n",
                    c, (double) fm / diffSims.size(), fm, diffSims.size(), (double) tm / sameSims.size());
        }
        System.out.printf(Locale.ROOT, "highest different-pair cosine %.4f; lowest same-pair cosine %.4f%n",
                diffSims.get(diffSims.size() - 1), sameSims.get(0));
    }

    private static double sim(FaceAnalyzer a, Path images, Map<String, float[]> cache, String n1, String i1, String n2, String i2)
            throws Exception {
        float[] x = embed(a, images, cache, n1, Integer.parseInt(i1));
        float[] y = embed(a, images, cache, n2, Integer.parseInt(i2));
        if (x == null || y == null) {
            return -1;
        }
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    private static float[] embed(FaceAnalyzer a, Path images, Map<String, float[]> cache, String name, int i) throws Exception {
        String key = name + i;
        if (cache.containsKey(key)) {
            return cache.get(key);
        }
        Path p = images.resolve(name).resolve(String.format(Locale.ROOT, "%s_%04d.jpg", name, i));
        PhotoAnalysis r = a.analyze(Files.readAllBytes(p), 1, true);
        DetectedFace f = r.faces().stream().filter(d -> d.embedding() != null)
                .min(Comparator.comparingDouble(d -> Math.hypot(d.box().centerX() - r.width() / 2.0, d.box().centerY() - r.height() / 2.0)))
                .orElse(null);
        float[] v = f == null ? null : f.embedding().vector();
        cache.put(key, v);
        return v;
    }
}
