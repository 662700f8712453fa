package kindred.vision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import kindred.library.FaceAnalyzer;
import kindred.model.DetectedFace;
import kindred.model.Embedding;
import kindred.model.FaceBox;
import kindred.model.Landmarks;
import kindred.model.PhotoAnalysis;
import kindred.model.PhotoReadException;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * decode → orient → detect → align → quality → embed for one photo at a time. Results are in pixels of the
 * full-resolution photo as displayed. Not thread-safe: one per worker thread; models load in the constructor.
 */
final class OpenCvFaceAnalyzer implements FaceAnalyzer {

    static {
        NativeLibraries.load(); // first, before any JavaCPP class is touched: see NativeLibraries
    }

    private final PhotoDecoder decoder;
    private final FaceDetector detector;
    private final FaceAligner aligner;
    private final FaceEmbedder embedder;

    /**
     * Sets the size of OpenCV's own thread pool (process-wide). Here rather than in {@link OpenCvVisionProvider},
     * which the composition root builds on any thread: touching OpenCV loads the native libraries.
     */
    static void useOpenCvThreads(int threads) {
        org.bytedeco.opencv.global.opencv_core.setNumThreads(threads);
    }

    OpenCvFaceAnalyzer(FaceDetector detector, FaceAligner aligner, FaceEmbedder embedder) {
        this(new PhotoDecoder(), detector, aligner, embedder);
    }

    OpenCvFaceAnalyzer(PhotoDecoder decoder, FaceDetector detector, FaceAligner aligner, FaceEmbedder embedder) {
        this.decoder = decoder;
        this.detector = detector;
        this.aligner = aligner;
        this.embedder = embedder;
    }

    @Override
    public PhotoAnalysis analyze(byte[] encoded, int exifOrientation, boolean embed) throws PhotoReadException {
        try (PointerScope scope = new PointerScope()) {
            PhotoDecoder.Decoded d = decoder.decode(encoded, exifOrientation);
            Mat img = d.image();
            // Faces shorter than the detector's minimum (display pixels) are dropped by the detector itself, before it
            // looks closer at small ones.
            List<FaceDetector.Detection> dets = detector.detect(img, detector.minFacePx() / d.scaleY());
            List<FaceDetector.Detection> kept = new ArrayList<>();
            List<Mat> crops = new ArrayList<>();
            List<Double> qualities = new ArrayList<>();
            for (FaceDetector.Detection det : dets) {
                Mat crop = aligner.align(img, detector.landmarkScheme(), det.landmarks());
                kept.add(det);
                crops.add(crop);
                qualities.add(FaceQuality.of(det.h(), crop, det.landmarks()));
            }
            List<float[]> vectors = embed && !crops.isEmpty() ? embedder.embed(crops) : null;
            List<DetectedFace> faces = new ArrayList<>(kept.size());
            for (int i = 0; i < kept.size(); i++) {
                FaceDetector.Detection det = kept.get(i);
                FaceBox box = clip(new FaceBox(det.x() * d.scaleX(), det.y() * d.scaleY(),
                        det.w() * d.scaleX(), det.h() * d.scaleY()), d.displayWidth(), d.displayHeight());
                float[] lm = det.landmarks().clone();
                for (int k = 0; k < lm.length; k += 2) {
                    lm[k] = (float) (lm[k] * d.scaleX());
                    lm[k + 1] = (float) (lm[k + 1] * d.scaleY());
                }
                Embedding e = vectors == null ? null : new Embedding(embedder.modelId(), vectors.get(i));
                faces.add(new DetectedFace(box, new Landmarks(detector.landmarkScheme(), lm), det.score(), qualities.get(i), e));
            }
            faces.sort(Comparator.comparingDouble(DetectedFace::score).reversed());
            return new PhotoAnalysis(d.displayWidth(), d.displayHeight(), detector.modelId(),
                    embed ? embedder.modelId() : null, List.copyOf(faces));
        }
    }

    private static FaceBox clip(FaceBox b, int w, int h) {
        double x0 = Math.max(0, b.x());
        double y0 = Math.max(0, b.y());
        double x1 = Math.min(w, b.x() + b.w());
        double y1 = Math.min(h, b.y() + b.h());
        return new FaceBox(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    FaceDetector detector() {
        return detector;
    }

    /** The aligner, for embedding a face the detector did not find (an imported region). */
    FaceAligner aligner() {
        return aligner;
    }

    /** The embedder, for embedding a face the detector did not find (an imported region). */
    FaceEmbedder embedder() {
        return embedder;
    }

    @Override
    public double operatingScore() {
        return detector.minScore();
    }

    @Override
    public String detectorId() {
        return detector.modelId();
    }

    @Override
    public String embedderId() {
        return embedder.modelId();
    }

    @Override
    public void close() {
        detector.close();
        embedder.close();
    }
}
