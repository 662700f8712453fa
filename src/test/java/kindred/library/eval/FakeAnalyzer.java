package kindred.library.eval;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import kindred.library.FaceAnalyzer;
import kindred.model.DetectedFace;
import kindred.model.PhotoAnalysis;
import kindred.model.PhotoReadException;

/** An analyzer that answers from a table keyed by the file's text; unknown text is an unreadable photo. */
final class FakeAnalyzer implements FaceAnalyzer {

    private final Map<String, List<DetectedFace>> faces;

    FakeAnalyzer(Map<String, List<DetectedFace>> faces) {
        this.faces = faces;
    }

    @Override
    public PhotoAnalysis analyze(byte[] encoded, int exifOrientation, boolean embed) throws PhotoReadException {
        List<DetectedFace> f = faces.get(new String(encoded, StandardCharsets.UTF_8).strip());
        if (f == null) {
            throw new PhotoReadException(PhotoReadException.Reason.CORRUPT, "fake: unknown photo");
        }
        return new PhotoAnalysis(250, 250, "fake-det", embed ? "fake-emb" : null, f);
    }

    @Override
    public String detectorId() {
        return "fake-det";
    }

    @Override
    public String embedderId() {
        return "fake-emb";
    }

    @Override
    public void close() {
    }
}
