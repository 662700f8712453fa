package kindred.clustering.devset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import kindred.library.FaceAnalyzer;
import kindred.model.DetectedFace;
import kindred.model.PhotoAnalysis;
import kindred.vision.OpenCvVisionProvider;

/**
 * Tool (not a test): embeds every LFW development image of the people in {@code library-identities.txt}
 * (a superset of {@code cluster-identities.txt}) with the product's default vision pack, taking the face
 * nearest the image centre, and caches the vectors in {@link LfwEmbeddings#CACHE}. Run once:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) kindred.clustering.devset.EmbedLfw [../shared/eval/lfw-dev]
 * </pre>
 */
public final class EmbedLfw {

    public static void main(String[] args) throws Exception {
        Path lfw = Path.of(args.length > 0 ? args[0] : "../shared/eval/lfw-dev");
        List<String> people = Files.readAllLines(lfw.resolve("library-identities.txt")).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        List<Path> images = new ArrayList<>();
        for (String p : people) {
            try (Stream<Path> s = Files.list(lfw.resolve("images").resolve(p))) {
                s.filter(f -> f.toString().endsWith(".jpg")).sorted().forEach(images::add);
            }
        }
        System.out.printf(Locale.ROOT, "%d people, %d images%n", people.size(), images.size());
        Path models = Files.createTempDirectory("kindred-models");
        OpenCvVisionProvider vision = new OpenCvVisionProvider(models);
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        LfwEmbeddings.Face[] out = new LfwEmbeddings.Face[images.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger missing = new AtomicInteger();
        long t0 = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try (FaceAnalyzer analyzer = vision.newAnalyzer(OpenCvVisionProvider.DEFAULT_PACK)) {
                    int i;
                    while ((i = next.getAndIncrement()) < images.size()) {
                        Path img = images.get(i);
                        PhotoAnalysis a = analyzer.analyze(Files.readAllBytes(img), 1, true);
                        DetectedFace f = a.faces().stream().filter(d -> d.embedding() != null)
                                .min(Comparator.comparingDouble(d -> Math.hypot(d.box().centerX() - a.width() / 2.0,
                                        d.box().centerY() - a.height() / 2.0))).orElse(null);
                        if (f == null) {
                            missing.incrementAndGet();
                            continue;
                        }
                        String name = img.getFileName().toString();
                        int number = Integer.parseInt(name.substring(name.lastIndexOf('_') + 1, name.length() - 4));
                        out[i] = new LfwEmbeddings.Face(img.getParent().getFileName().toString(), number,
                                f.embedding().vector());
                        if (i % 500 == 0) {
                            System.out.printf(Locale.ROOT, "%d / %d%n", i, images.size());
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        List<LfwEmbeddings.Face> faces = Stream.of(out).filter(java.util.Objects::nonNull).toList();
        LfwEmbeddings.write(LfwEmbeddings.CACHE, faces);
        System.out.printf(Locale.ROOT, "embedded %d, no face %d, %.0f s -> %s%n", faces.size(), missing.get(),
                (System.nanoTime() - t0) / 1e9, LfwEmbeddings.CACHE);
    }
}
