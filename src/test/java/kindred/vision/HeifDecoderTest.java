package kindred.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import kindred.model.PhotoReadException;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HEIC/HEIF/AVIF decoding with FFmpeg on real phone files from ../shared/fixtures/formats. */
class HeifDecoderTest {

    private static final long LIMIT = kindred.library.IndexSettings.MAX_PHOTO_PIXELS;

    private static HeifDecoder.Result decode(String name) throws Exception {
        return HeifDecoder.decode(TestPhotos.bytes(TestPhotos.shared("fixtures/formats").resolve(name)), LIMIT);
    }

    @ParameterizedTest(name = "{0}: {1}×{2} as stored, orientation {3}, {4} tiles")
    @CsvSource({
            // A grid of 48 HEVC tiles, not its 320×240 thumbnail nor one 512×512 tile.
            "heic/iphone7_grid_IMG_2682.heic, 4032, 3024, 1, 48",
            // A grid whose output size is not a multiple of its tiles (3072×3584 coded, cropped).
            "heic/iphone11promax_grid_cropped_2566x3313.heic, 2566, 3313, 1, 42",
            // irot 270 (a quarter turn clockwise to show it) with EXIF orientation 1: the box is what counts.
            "heic/nokia8.3_grid_bad_irot.heif, 4608, 3456, 6, 63",
            // Two top-level images: the primary one.
            "heic/libheif_example_2images.heic, 1280, 854, 1, 1",
            "avif/immich_8bit-sRGB.avif, 1617, 1080, 1, 1",
            "avif/libheif_example.avif, 800, 533, 1, 1"})
    void decodesThePrimaryImageWhole(String name, int width, int height, int orientation, int tiles) throws Exception {
        HeifDecoder.Result r = decode(name);
        try (Mat m = r.bgr()) {
            assertThat(m.cols()).isEqualTo(width);
            assertThat(m.rows()).isEqualTo(height);
            assertThat(r.orientation()).isEqualTo(orientation);
            assertThat(r.tiles()).isEqualTo(tiles);
        }
    }

    @Test
    void aSmallThumbnailComesFromThePhonesOwnThumbnailNotFromEveryTile() throws Exception {
        byte[] b = TestPhotos.bytes(TestPhotos.shared("fixtures/formats").resolve("heic/iphone7_grid_IMG_2682.heic"));
        HeifDecoder.Result small = HeifDecoder.decode(b, LIMIT, 256);
        HeifDecoder.Result large = HeifDecoder.decode(b, LIMIT, 400);
        try (Mat s = small.bgr(); Mat l = large.bgr(); Mat lDown = new Mat()) {
            assertThat(small.tiles()).isEqualTo(1);
            assertThat(s.cols()).isEqualTo(320);
            assertThat(s.rows()).isEqualTo(240);
            assertThat(small.width()).isEqualTo(4032);
            assertThat(small.height()).isEqualTo(3024);
            // A thumbnail of 320 pixels cannot serve 400: every tile is decoded then.
            assertThat(large.tiles()).isEqualTo(48);
            // The same picture: the thumbnail and the reduced grid agree on average colour.
            org.bytedeco.opencv.global.opencv_imgproc.resize(l, lDown, new org.bytedeco.opencv.opencv_core.Size(320, 240));
            for (int c = 0; c < 3; c++) {
                assertThat(org.bytedeco.opencv.global.opencv_core.mean(s).get(c))
                        .isCloseTo(org.bytedeco.opencv.global.opencv_core.mean(lDown).get(c), org.assertj.core.data.Offset.offset(12.0));
            }
        }
    }

    @Test
    void tilesArePlacedWhereTheGridSays() throws Exception {
        // The iPhone photo's sky (top) is bright and its bottom rows dark: tiles placed in the wrong order or only
        // the first tile decoded would not give this.
        HeifDecoder.Result r = decode("heic/iphone7_grid_IMG_2682.heic");
        try (Mat m = r.bgr(); Mat top = new Mat(m, new org.bytedeco.opencv.opencv_core.Rect(0, 0, 4032, 400));
             Mat right = new Mat(m, new org.bytedeco.opencv.opencv_core.Rect(3584, 1024, 448, 1000))) {
            double topMean = org.bytedeco.opencv.global.opencv_core.mean(top).get(0);
            double rightMean = org.bytedeco.opencv.global.opencv_core.mean(right).get(0);
            assertThat(topMean).isGreaterThan(60);
            assertThat(rightMean).isGreaterThan(5); // the last tile column is decoded, not left black
        }
    }

    @Test
    void aDamagedFileGivesAReasonAndDoesNotSpoilTheNextDecode() throws Exception {
        byte[] heic = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0};
        PhotoReadException e = catchThrowableOfType(PhotoReadException.class, () -> HeifDecoder.decode(heic, LIMIT));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isNotBlank();
        decode("avif/libheif_example.avif").bgr().close();
    }

    @Test
    void aGridLargerThanTheLimitIsRefusedBeforeDecoding() throws Exception {
        byte[] grid = TestPhotos.bytes(TestPhotos.shared("fixtures/formats").resolve("heic/iphone7_grid_IMG_2682.heic"));
        PhotoReadException e = catchThrowableOfType(PhotoReadException.class, () -> HeifDecoder.decode(grid, 10_000_000));
        assertThat(e.reason()).isEqualTo(PhotoReadException.Reason.TOO_LARGE);
    }

    @ParameterizedTest(name = "rotation {0}° counter-clockwise, flip {1} → EXIF {2}")
    @CsvSource({"0, false, 1", "90, false, 8", "180, false, 3", "270, false, 6", "0, true, 2", "90, true, 7", "180, true, 4", "270, true, 5"})
    void aDisplayMatrixBecomesTheEquivalentExifOrientation(int degrees, boolean flip, int exif) {
        // FFmpeg's av_display_rotation_set then av_display_matrix_flip(hflip), in 16.16 fixed point.
        double rad = Math.toRadians(degrees);
        int c = (int) Math.round(Math.cos(rad) * 65536);
        int s = (int) Math.round(Math.sin(rad) * 65536);
        int[] m = {c, -s, 0, s, c, 0, 0, 0, 1 << 30};
        if (flip) {
            m[0] = -m[0];
            m[3] = -m[3];
        }
        assertThat(DisplayMatrix.toExifOrientation(m)).isEqualTo(exif);
    }
}
