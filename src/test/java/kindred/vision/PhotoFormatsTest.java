package kindred.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kindred.library.FaceAnalyzer;
import kindred.metadata.ExifMetadataReader;
import kindred.model.DetectedFace;
import kindred.model.PhotoAnalysis;
import kindred.model.PhotoReadException;
import kindred.model.PhotoReadException.Reason;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The photos people have, decoded upright at their full display size: phone HEIC/HEIF and AVIF (real files from
 * ../shared/fixtures/formats, and the demo photos encoded here with heif-enc and avifenc), camera RAW previews.
 */
@Tag("slow")
class PhotoFormatsTest {

    @TempDir
    static Path tmp;

    private static FaceAnalyzer analyzer;

    @BeforeAll
    static void load() {
        analyzer = new OpenCvVisionProvider(tmp.resolve("models")).newAnalyzer("default");
    }

    @AfterAll
    static void close() {
        if (analyzer != null) {
            analyzer.close();
        }
    }

    private static byte[] fixture(String name) {
        return TestPhotos.bytes(TestPhotos.shared("fixtures/formats").resolve(name));
    }

    private static PhotoDecoder.Decoded decode(byte[] bytes) throws PhotoReadException {
        String name = "photo";
        int orientation = new ExifMetadataReader().read(bytes, name).orientation();
        return new PhotoDecoder().decode(bytes, orientation);
    }

    @ParameterizedTest(name = "{0} is {1}×{2} as displayed")
    @CsvSource({
            "heic/iphone7_grid_IMG_2682.heic, 4032, 3024",
            "heic/iphone11promax_grid_cropped_2566x3313.heic, 2566, 3313",
            // irot 270 with EXIF orientation 1: the rotation box is applied, as libheif and FFmpeg do (see
            // docs/decisions/0011-photo-formats.md for why the EXIF orientation is not trusted over it)
            "heic/nokia8.3_grid_bad_irot.heif, 3456, 4608",
            "heic/libheif_example_2images.heic, 1280, 854",
            "avif/immich_8bit-sRGB.avif, 1617, 1080",
            "avif/libheif_example.avif, 800, 533",
            "raw/nikon_d7100_truncated.nef, 6036, 4020",
            "raw/sony_slt-a55v_truncated.arw, 4928, 3280",
            "raw/canon_r6_pruned.cr3, 5472, 3648",
            "raw/canon_eos_d30_complete.crw, 2160, 1440"})
    void decodesAtItsFullDisplaySize(String name, int width, int height) throws Exception {
        PhotoDecoder.Decoded d = decode(fixture(name));
        try (Mat img = d.image()) {
            assertThat(d.displayWidth()).isEqualTo(width);
            assertThat(d.displayHeight()).isEqualTo(height);
            // The working image keeps the photo's shape (within a pixel of rounding) and enough pixels for faces.
            assertThat((double) img.cols() / img.rows()).isCloseTo((double) width / height, org.assertj.core.data.Offset.offset(0.01));
            assertThat(Math.max(img.cols(), img.rows())).isGreaterThanOrEqualTo(Math.min(PhotoDecoder.WORK_MIN_LONG_SIDE_PX, Math.max(width, height)) / 2);
        }
    }

    @Test
    void metadataGivesAGridItsOutputSizeNotItsFirstTile() {
        var md = new ExifMetadataReader().read(fixture("heic/iphone7_grid_IMG_2682.heic"), "IMG_2682.heic");
        assertThat(md.format()).isEqualTo("heif");
        assertThat(md.storedWidth()).isEqualTo(4032);
        assertThat(md.storedHeight()).isEqualTo(3024);
        assertThat(md.takenAt().toString()).startsWith("2019-03-21T11:04:22");
    }

    @Test
    void metadataTakesTheRotationBoxForAHeif() {
        var md = new ExifMetadataReader().read(fixture("heic/nokia8.3_grid_bad_irot.heif"), "nokia.heif");
        assertThat(md.orientation()).isEqualTo(6);
        assertThat(md.storedWidth()).isEqualTo(4608);
    }

    @ParameterizedTest(name = "{0} gives a reason")
    @ValueSource(strings = {"raw/gopro_hero8_complete.gpr", "raw/nikon_z9_jxl_dng1.7.dng", "raw/stripped-exiftool/CanonRaw.cr2",
            "raw/stripped-exiftool/CanonRaw.cr3", "raw/stripped-exiftool/DNG.dng", "raw/stripped-exiftool/FujiFilm.raf",
            "raw/stripped-exiftool/Nikon.nef", "raw/stripped-exiftool/Panasonic.rw2"})
    void aRawWithoutAUsablePreviewGivesAPlainReason(String name) {
        byte[] raw = fixture(name); // outside the lambda: without ../shared the test is skipped, not failed
        PhotoReadException e = catchThrowableOfType(PhotoReadException.class, () -> decode(raw));
        assertThat(e).as(name).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT);
        assertThat(e.getMessage()).contains("JPEG").contains("same name");
        System.out.println(name + ": " + e.getMessage());
    }

    // ------------------------------------------------------------------ the demo photos as phones would save them

    private static Path tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String why = "skipped: " + name + " is not installed (Debian: " + ("heif-enc".equals(name) ? "libheif-examples" : "libavif-bin")
                + "; .ci/run installs it)";
        System.out.println(why);
        assumeTrue(false, why);
        return null;
    }

    static Path encodeWith(Path out, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("tool.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("tool.log"))).isZero();
        return out;
    }

    @ParameterizedTest(name = "sample {0} as HEIC has the JPEG's faces")
    @ValueSource(ints = {1, 2, 4})
    void aHeicHasTheSameFacesAsItsJpeg(int sample) throws Exception {
        Path jpg = TestPhotos.sample(sample);
        Path heic = encodeWith(tmp.resolve("s" + sample + ".heic"), tool("heif-enc").toString(), "-q", "90", "-o",
                tmp.resolve("s" + sample + ".heic").toString(), jpg.toString());
        assertSameFaces(TestPhotos.bytes(jpg), TestPhotos.bytes(heic));
    }

    @ParameterizedTest(name = "sample {0} as AVIF has the JPEG's faces")
    @ValueSource(ints = {1, 2, 4})
    void anAvifHasTheSameFacesAsItsJpeg(int sample) throws Exception {
        Path jpg = TestPhotos.sample(sample);
        Path avif = encodeWith(tmp.resolve("s" + sample + ".avif"), tool("avifenc").toString(), "-s", "8",
                jpg.toString(), tmp.resolve("s" + sample + ".avif").toString());
        assertSameFaces(TestPhotos.bytes(jpg), TestPhotos.bytes(avif));
    }

    /**
     * A 10-bit PQ photo (as Canon's .HIF and HDR AVIFs are). Made with avifenc, which writes the colour description
     * (nclx: BT.2020, PQ); heif-enc 1.15 drops it for PNG input, and a HEIF without it is not HDR to any reader.
     */
    @Test
    void aTenBitPqPhotoIsToneMappedAndKeepsItsFaces() throws Exception {
        Path jpg = TestPhotos.sample(1);
        Path png = tmp.resolve("pq.png");
        try (Mat sdr = opencv_imgcodecs.imread(jpg.toString())) {
            try (Mat pq = HdrFixtures.toPq16(sdr)) {
                opencv_imgcodecs.imwrite(png.toString(), pq);
            }
        }
        Path heic = encodeWith(tmp.resolve("pq.avif"), tool("avifenc").toString(), "-s", "8", "-d", "10", "--cicp", "9/16/9",
                "-r", "full", png.toString(), tmp.resolve("pq.avif").toString());
        byte[] sdrBytes = TestPhotos.bytes(jpg);
        byte[] hdrBytes = TestPhotos.bytes(heic);
        assertSameFaces(sdrBytes, hdrBytes);
        // Tone mapped, the photo keeps about its SDR brightness (not the flat grey of PQ codes shown as sRGB).
        PhotoDecoder.Decoded a = new PhotoDecoder().decode(sdrBytes, 1);
        PhotoDecoder.Decoded b = new PhotoDecoder().decode(hdrBytes, 1);
        try (Mat x = a.image(); Mat y = b.image()) {
            double ma = opencv_core.mean(x).get(1);
            double mb = opencv_core.mean(y).get(1);
            System.out.printf("mean green: SDR JPEG %.1f, tone-mapped PQ AVIF %.1f%n", ma, mb);
            assertThat(mb).isCloseTo(ma, org.assertj.core.data.Offset.offset(5.0));
        }
    }

    private static void assertSameFaces(byte[] jpeg, byte[] other) throws Exception {
        PhotoAnalysis a = analyzer.analyze(jpeg, 1, false);
        PhotoAnalysis b = analyzer.analyze(other, 1, false);
        assertThat(b.width()).isEqualTo(a.width());
        assertThat(b.height()).isEqualTo(a.height());
        assertThat(b.faces()).hasSameSizeAs(a.faces());
        List<Double> ious = new ArrayList<>();
        for (DetectedFace f : a.faces()) {
            double iou = OrientationTest.bestIou(f.box(), b.faces());
            ious.add(iou);
            assertThat(iou).as("face at %s", f.box()).isGreaterThanOrEqualTo(0.5);
        }
        System.out.println("faces " + a.faces().size() + ", IoU with the JPEG's: " + ious);
    }

    /** Makes HDR test images. */
    static final class HdrFixtures {
        private HdrFixtures() {
        }

        /** An 8-bit sRGB BGR image as 16-bit PQ-coded BT.2020 RGB (SDR white at 203 nits), for heif-enc -b 10. */
        static Mat toPq16(Mat bgr) {
            Mat out = new Mat(bgr.rows(), bgr.cols(), opencv_core.CV_16UC3);
            double[][] m = {{0.6274, 0.3293, 0.0433}, {0.0691, 0.9195, 0.0114}, {0.0164, 0.0880, 0.8956}};
            try (var in = bgr.<org.bytedeco.javacpp.indexer.UByteIndexer>createIndexer();
                 var o = out.<org.bytedeco.javacpp.indexer.UShortIndexer>createIndexer()) {
                int[] px = new int[3];
                int[] q = new int[3];
                for (int y = 0; y < bgr.rows(); y++) {
                    for (int x = 0; x < bgr.cols(); x++) {
                        in.get(y, x, px);
                        double r = lin(px[2]);
                        double g = lin(px[1]);
                        double b = lin(px[0]);
                        double[] rgb2020 = {m[0][0] * r + m[0][1] * g + m[0][2] * b, m[1][0] * r + m[1][1] * g + m[1][2] * b,
                                m[2][0] * r + m[2][1] * g + m[2][2] * b};
                        // OpenCV writes BGR: blue first.
                        q[0] = (int) Math.round(pq(rgb2020[2] * HdrToneMap.SDR_WHITE_NITS) * 65535);
                        q[1] = (int) Math.round(pq(rgb2020[1] * HdrToneMap.SDR_WHITE_NITS) * 65535);
                        q[2] = (int) Math.round(pq(rgb2020[0] * HdrToneMap.SDR_WHITE_NITS) * 65535);
                        o.put(y, x, q);
                    }
                }
            }
            return out;
        }

        private static double lin(int v) {
            double s = v / 255.0;
            return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
        }

        /** SMPTE ST 2084 inverse EOTF: nits to signal 0..1. */
        private static double pq(double nits) {
            double m1 = 2610.0 / 16384;
            double m2 = 2523.0 / 4096 * 128;
            double c1 = 3424.0 / 4096;
            double c2 = 2413.0 / 4096 * 32;
            double c3 = 2392.0 / 4096 * 32;
            double y = Math.pow(Math.max(0, nits) / 10000, m1);
            return Math.pow((c1 + c2 * y) / (1 + c3 * y), m2);
        }
    }
}
