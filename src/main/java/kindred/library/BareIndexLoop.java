package kindred.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import kindred.model.PhotoReadException;

/**
 * The honest floor for indexing speed: read → metadata → decode → detect → align → embed over files, on
 * the same models and as many threads as the indexer, with no database, no queue, no scan. {@code kindred
 * bench} compares the real indexer against it in the same run.
 */
public final class BareIndexLoop {

    /** Photos processed, faces found, wall-clock seconds. */
    public record Result(int photos, int faces, double seconds) {
    }

    private final Supplier<FaceAnalyzer> analyzers;
    private final MetadataReader metadata;
    private final int threads;

    public BareIndexLoop(Supplier<FaceAnalyzer> analyzers, MetadataReader metadata, int threads) {
        this.analyzers = analyzers;
        this.metadata = metadata;
        this.threads = Math.max(1, threads);
    }

    public Result run(List<Path> files) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger faces = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        List<FaceAnalyzer> ready = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            ready.add(analyzers.get()); // model loading is not part of the loop, as in the indexer
        }
        long start = System.nanoTime();
        for (FaceAnalyzer a : ready) {
            Thread w = new Thread(() -> {
                try (a) {
                    int i;
                    while ((i = next.getAndIncrement()) < files.size()) {
                        try {
                            byte[] bytes = Files.readAllBytes(files.get(i));
                            PhotoMetadata md = metadata.read(bytes, files.get(i).getFileName().toString());
                            faces.addAndGet(a.analyze(bytes, md.orientation(), true).faces().size());
                        } catch (IOException | PhotoReadException e) {
                            // counted as a photo with no faces, as the indexer would record it
                        }
                    }
                }
            }, "kindred-bench-" + workers.size());
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        return new Result(files.size(), faces.get(), (System.nanoTime() - start) / 1e9);
    }
}
