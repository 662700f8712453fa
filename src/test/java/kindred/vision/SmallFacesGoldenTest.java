package kindred.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kindred.library.FaceAnalyzer;
import kindred.model.DetectedFace;
import kindred.model.PhotoAnalysis;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small faces in a 12 MP photo (issue 20): a group photo from the shared fixtures placed in a 4032×3024 frame, so
 * that its faces are 50–100 px tall, as in a wide shot. Face centres in the fixture's pixels, checked by eye. The
 * first, whole-photo look alone (at 640 px) misses most of them; the second look finds them all, nothing else.
 */
@Tag("slow")
class SmallFacesGoldenTest {

    /** The seven women of dlib's voc_2008_007676.jpg (500×334). */
    static final double[][] VOC_007676 = {{385, 150}, {283, 146}, {243, 78}, {130, 162}, {335, 136}, {156, 102}, {214, 133}};

    /** The six people of facenet-pytorch's multiface.jpg (1200×630). */
    static final double[][] MULTIFACE = {{658, 250}, {761, 520}, {594, 102}, {464, 186}, {266, 301}, {906, 501}};

    private static final int FRAME_W = 4032;
    private static final int FRAME_H = 3024;
    private static final int AT_X = 1200;
    private static final int AT_Y = 900;

    @TempDir
    Path library;

    /** The fixture scaled by {@code scale} on a grey 12 MP frame at (AT_X, AT_Y), as a JPEG. */
    private static byte[] inTwelveMegapixels(String fixture, double scale) {
        byte[] photo = TestPhotos.bytes(TestPhotos.shared("fixtures/group-photos").resolve(fixture));
        Mat small = TestPhotos.decode(photo);
        try (Mat frame = new Mat(FRAME_H, FRAME_W, org.bytedeco.opencv.global.opencv_core.CV_8UC3, new Scalar(128, 127, 128, 0));
             Mat scaled = new Mat()) {
            opencv_imgproc.resize(small, scaled, new Size((int) Math.round(small.cols() * scale), (int) Math.round(small.rows() * scale)),
                    0, 0, opencv_imgproc.INTER_CUBIC);
            try (Rect r = new Rect(AT_X, AT_Y, scaled.cols(), scaled.rows()); Mat roi = new Mat(frame, r)) {
                scaled.copyTo(roi);
            }
            return TestPhotos.encode(frame, ".jpg");
        }
    }

    private static void assertFinds(PhotoAnalysis a, double[][] centres, double scale) {
        assertThat(a.width()).isEqualTo(FRAME_W);
        assertThat(a.faces()).hasSize(centres.length);
        for (double[] c : centres) {
            double x = AT_X + c[0] * scale;
            double y = AT_Y + c[1] * scale;
            assertThat(a.faces()).as("a face around (%.0f, %.0f)", x, y).anySatisfy(f -> {
                assertThat(Math.hypot(f.box().centerX() - x, f.box().centerY() - y)).isLessThan(0.3 * f.box().w());
                assertThat(f.box().h()).isBetween(40.0, 130.0);
            });
        }
    }

    private FaceAnalyzer analyzer(FaceDetector detector) {
        OpenCvVisionProvider p = new OpenCvVisionProvider(library.resolve("models"));
        var files = p.ensureDefaultPack();
        FaceEmbedder embedder = new MobileFaceNetEmbedder(ModelCatalog.load().require("default", "embedder").id(), files.get("embedder"));
        return new OpenCvFaceAnalyzer(detector, new FaceAligner(), embedder);
    }

    private static Path yunetModel() {
        Path f = TestPhotos.shared("models").resolve("face_detection_yunet_2026may.onnx");
        assertThat(f).exists();
        return f;
    }

    private Path blazeModel() {
        return new OpenCvVisionProvider(library.resolve("models")).ensureDefaultPack().get("detector");
    }

    @Test
    void yunetFindsSevenFacesAbout60PxTallInA12MegapixelPhoto() throws Exception {
        Path model = yunetModel();
        byte[] photo = inTwelveMegapixels("dlib__voc_2008_007676.jpg", 1.5);
        try (FaceAnalyzer a = analyzer(new YuNetDetector("yunet-2026may", model, YuNetDetector.OPERATING_SCORE))) {
            assertFinds(a.analyze(photo, 1, false), VOC_007676, 1.5);
        }
    }

    @Test
    void yunetsFirstLookAloneMissesThem() throws Exception {
        Path model = yunetModel();
        byte[] photo = inTwelveMegapixels("dlib__voc_2008_007676.jpg", 1.5);
        try (FaceAnalyzer a = analyzer(new YuNetDetector("yunet-2026may", model, YuNetDetector.OPERATING_SCORE,
                YuNetDetector.INPUT_LONG_SIDE_PX, 0, YuNetDetector.FINE_LOOK))) {
            assertThat(a.analyze(photo, 1, false).faces()).hasSizeLessThan(VOC_007676.length / 2);
        }
    }

    @Test
    void yunetLooksCloserAtEachFaceUnder40PxAndKeepsItOnItsFace() throws Exception {
        Path model = yunetModel();
        byte[] photo = inTwelveMegapixels("dlib__voc_2008_007676.jpg", 1.5);
        Mat work = decodedAsTheAnalyzerDoes(photo);
        List<FaceDetector.Detection> first;
        try (YuNetDetector firstOnly = new YuNetDetector("yunet-2026may", model, YuNetDetector.OPERATING_SCORE,
                YuNetDetector.INPUT_LONG_SIDE_PX, YuNetDetector.FINE_LONG_SIDE_PX, YuNetDetector.FINE_LOOK, 0)) {
            first = firstOnly.detect(work);
            assertThat(firstOnly.closerLooks()).isZero();
        }
        long small = first.stream().filter(d -> d.h() < YuNetDetector.CLOSER_BELOW_PX).count();
        assertThat(small).as("faces of 26–48 px in the working image, some under 40").isPositive();
        try (YuNetDetector closer = new YuNetDetector("yunet-2026may", model, YuNetDetector.OPERATING_SCORE)) {
            List<FaceDetector.Detection> looked = closer.detect(work);
            assertThat(closer.closerLooks()).isEqualTo(small);
            // The closer look's boxes replace the first look's: each small face's box moved, and stays on its face.
            for (FaceDetector.Detection d : first) {
                if (d.h() < YuNetDetector.CLOSER_BELOW_PX) {
                    assertThat(looked).as("the face at (%.0f, %.0f)", d.x(), d.y())
                            .anySatisfy(l -> assertThat(l.iou(d)).isBetween(0.3, 0.999));
                }
            }
        }
        try (FaceAnalyzer a = analyzer(new YuNetDetector("yunet-2026may", model, YuNetDetector.OPERATING_SCORE))) {
            assertFinds(a.analyze(photo, 1, false), VOC_007676, 1.5);
        }
    }

    /** The image the analyzer's decoder gives the detector for {@code photo} (a 12 MP JPEG: its working size). */
    private static Mat decodedAsTheAnalyzerDoes(byte[] photo) throws Exception {
        return new PhotoDecoder().decode(photo, 1).image();
    }

    @Test
    void builtInPackFindsSixFacesAbout100PxTallInA12MegapixelPhoto() throws Exception {
        byte[] photo = inTwelveMegapixels("facenet_pytorch__multiface.jpg", 1.0);
        try (FaceAnalyzer a = analyzer(new BlazeFaceDetector("blazeface", blazeModel(), BlazeFaceDetector.OPERATING_SCORE))) {
            assertFinds(a.analyze(photo, 1, false), MULTIFACE, 1.0);
        }
    }

    @Test
    void builtInPacksFirstLookAloneMissesMostOfThem() throws Exception {
        byte[] photo = inTwelveMegapixels("facenet_pytorch__multiface.jpg", 1.0);
        try (FaceAnalyzer a = analyzer(new BlazeFaceDetector("blazeface", blazeModel(), BlazeFaceDetector.OPERATING_SCORE,
                BlazeFaceDetector.TILE_DIVISIONS, BlazeFaceDetector.ZOOM_OUT, 0, BlazeFaceDetector.FINE_LOOK))) {
            assertThat(a.analyze(photo, 1, false).faces()).hasSizeLessThan(MULTIFACE.length / 2);
        }
    }

    @Test
    void photosWithAFewLargeFacesGetNoSecondLook() throws Exception {
        Path model = yunetModel();
        try (YuNetDetector yunet = new YuNetDetector("yunet-2026may", model, YuNetDetector.OPERATING_SCORE);
             BlazeFaceDetector blaze = new BlazeFaceDetector("blazeface", blazeModel(), BlazeFaceDetector.OPERATING_SCORE)) {
            for (int i = 1; i <= 6; i++) {
                // The demo photos (3–5 faces each) at 12 MP, as the bench set has them.
                Mat m = TestPhotos.decode(TestPhotos.bytes(TestPhotos.sample(i)));
                try (Mat big = new Mat(); Mat work = new Mat()) {
                    opencv_imgproc.resize(m, big, new Size(FRAME_W, FRAME_H), 0, 0, opencv_imgproc.INTER_CUBIC);
                    // The decoder's working image of a 12 MP JPEG: half size.
                    opencv_imgproc.resize(big, work, new Size(FRAME_W / 2, FRAME_H / 2), 0, 0, opencv_imgproc.INTER_AREA);
                    List<FaceDetector.Detection> y = yunet.detect(work);
                    List<FaceDetector.Detection> b = blaze.detect(work);
                    assertThat(yunet.closerLooks()).as("no face under 40 px: no closer look either").isZero();
                    assertThat(y).hasSizeBetween(3, 5);
                    assertThat(b).hasSizeBetween(3, 5);
                }
            }
            assertThat(yunet.fineLookShare()).isZero();
            assertThat(blaze.fineLookShare()).isZero();
        }
    }
}
