package kindred.library.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import kindred.library.FaceAnalyzer;
import kindred.model.DetectedFace;
import kindred.model.PhotoAnalysis;
import kindred.clustering.ClusterSettings;
import kindred.clustering.FaceClusterIndex;
import kindred.clustering.FaceVector;
import kindred.clustering.PeopleThresholds;

/**
 * Scores the product's own clustering on a folder with one subfolder per identity: in each photo the face
 * nearest the centre is embedded, faces the product would not auto-cluster (too small, too poor) stay alone,
 * as does a photo where no face is found, and the rest is clustered exactly as a library's unnamed faces are.
 */
public final class ClusterEvaluator {

    private final Supplier<FaceAnalyzer> analyzers;
    private final int threads;

    public ClusterEvaluator(Supplier<FaceAnalyzer> analyzers, int threads) {
        this.analyzers = analyzers;
        this.threads = Math.max(1, threads);
    }

    /**
     * @param identities file with one identity (subfolder name) per line, or null for every subfolder
     */
    public ClusterScores evaluate(Path imagesDir, Path identities) throws IOException {
        Clustering c = cluster(imagesDir, identities);
        return ClusterScores.of(c.truth(), c.predicted());
    }

    /**
     * A clustering of the evaluation images, item by item.
     *
     * @param images    item (its index) → image file name, for groups
     * @param truth     item → identity
     * @param predicted item → cluster ({@code c<id>}, or {@code alone<item>} for a face left alone)
     */
    public record Clustering(List<String> images, Map<Long, String> truth, Map<Long, Object> predicted) {
    }

    /** Embeds and clusters as {@link #evaluate} does, and returns the items themselves. */
    public Clustering cluster(Path imagesDir, Path identities) throws IOException {
        List<String> names;
        if (identities != null) {
            names = Files.readAllLines(identities).stream().map(String::strip).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
        } else {
            try (Stream<Path> s = Files.list(imagesDir)) {
                names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            }
        }
        List<Path> images = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String n : names) {
            Path dir = imagesDir.resolve(n);
            if (!Files.isDirectory(dir)) {
                throw new IOException("No folder " + dir + " for identity " + n);
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    images.add(p);
                    labels.add(n);
                }
            }
        }
        float[][] vectors = embed(images);
        Map<Long, String> truth = new HashMap<>();
        List<FaceVector> clusterable = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            truth.put((long) i, labels.get(i));
            if (vectors[i] != null) {
                clusterable.add(new FaceVector(i, i, vectors[i]));
            }
        }
        Map<Long, Long> clusters = FaceClusterIndex.clusterAll(ClusterSettings.DEFAULT, clusterable, List.of());
        Map<Long, Object> predicted = new HashMap<>();
        for (int i = 0; i < images.size(); i++) {
            Long c = clusters.get((long) i);
            predicted.put((long) i, c != null ? (Object) ("c" + c) : (Object) ("alone" + i));
        }
        return new Clustering(images.stream().map(p -> p.getFileName().toString()).toList(), truth, predicted);
    }

    /** The clusterable embedding of each image's central face, or null when there is none. */
    private float[][] embed(List<Path> images) throws IOException {
        float[][] out = new float[images.size()][];
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        IOException[] failure = new IOException[1];
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try (FaceAnalyzer a = analyzers.get()) {
                    int i;
                    while ((i = next.getAndIncrement()) < images.size()) {
                        out[i] = central(a, images.get(i));
                    }
                } catch (IOException e) {
                    failure[0] = e;
                }
            }, "kindred-eval-" + t);
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return out;
    }

    private static float[] central(FaceAnalyzer a, Path image) throws IOException {
        PhotoAnalysis r;
        try {
            r = a.analyze(Files.readAllBytes(image), 1, true);
        } catch (kindred.model.PhotoReadException e) {
            return null;
        }
        DetectedFace f = r.faces().stream().filter(d -> d.embedding() != null)
                .min(Comparator.comparingDouble(d -> Math.hypot(d.box().centerX() - r.width() / 2.0, d.box().centerY() - r.height() / 2.0)))
                .orElse(null);
        if (f == null || Math.min(f.box().w(), f.box().h()) < PeopleThresholds.MIN_CLUSTER_FACE_PX
                || f.quality() < PeopleThresholds.MIN_CLUSTER_QUALITY) {
            return null;
        }
        return f.embedding().vector();
    }
}
