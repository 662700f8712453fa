package kindred.library;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Port to the model packs: which models the library can use, and analyzers built on the active pack.
 * Thread-safe.
 */
public interface ModelPacks {

    /** A new analyzer on the active pack, for one thread. Loads the models (tens of ms). */
    FaceAnalyzer newAnalyzer();

    /**
     * {@link #newAnalyzer()} keeping detections down to {@code minScore} instead of the pack's operating threshold: for
     * choosing a threshold ({@code eval detect --choose}), never for indexing.
     */
    FaceAnalyzer newAnalyzer(double minScore);

    /** Model id of the active pack's detector (photos indexed with another are indexed again by a scan). */
    default String activeDetectorId() {
        try (FaceAnalyzer a = newAnalyzer()) {
            return a.detectorId();
        }
    }

    /** Name of the pack in use: "yunet" when the YuNet detector is installed, else "default". */
    String activePack();

    /** Every model file the lock file knows, with whether it is present and verified. */
    List<ModelFileInfo> models();

    /** Re-hashes every present model file; a file whose hash differs is reported not present. */
    List<ModelFileInfo> verify() throws IOException;

    /**
     * Installs optional-pack files found in {@code dir} (by file name, checked against the pinned SHA-256).
     *
     * @return the files installed
     * @throws IOException when a file is missing from {@code dir} or its hash differs (nothing is installed then)
     */
    List<ModelFileInfo> installFrom(Path dir) throws IOException;

    /** Downloads an optional pack from its pinned upstream address and checks the hash. Only on user request. */
    List<ModelFileInfo> download(String pack) throws IOException;
}
