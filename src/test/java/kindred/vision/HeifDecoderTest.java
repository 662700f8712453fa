package kindred.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** HEIC/HEIF/AVIF decoding on real phone files from ../shared/fixtures/formats. */
class HeifDecoderTest {

    private static final long LIMIT = kindred.library.IndexSettings.MAX_PHOTO_PIXELS;

    private static HeifDecoder.Result decode(String name) throws Exception {
        Path f = TestPhotos.shared("fixtures/formats").resolve(name);
        long t0 = System.nanoTime();
        HeifDecoder.Result r = HeifDecoder.decode(TestPhotos.bytes(f), LIMIT);
        System.out.printf("%s: %dx%d orientation %d, %d tiles, %.0f ms%n", name, r.bgr().cols(), r.bgr().rows(),
                r.orientation(), r.tiles(), (System.nanoTime() - t0) / 1e6);
        return r;
    }

    @Test
    void anIphoneGridDecodesWholeNotItsThumbnail() throws Exception {
        HeifDecoder.Result r = decode("heic/iphone7_grid_IMG_2682.heic");
        try (Mat m = r.bgr()) {
            assertThat(m.cols()).isEqualTo(4032);
            assertThat(m.rows()).isEqualTo(3024);
            assertThat(r.tiles()).isEqualTo(48);
            assertThat(r.orientation()).isEqualTo(1);
        }
    }

    @Test
    void aCroppedGridDecodesToItsOutputSize() throws Exception {
        HeifDecoder.Result r = decode("heic/iphone11promax_grid_cropped_2566x3313.heic");
        try (Mat m = r.bgr()) {
            assertThat(m.cols()).isEqualTo(2566);
            assertThat(m.rows()).isEqualTo(3313);
        }
    }

    @Test
    void aDamagedFileDoesNotSpoilTheNext() throws Exception {
        byte[] heic = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0};
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HeifDecoder.decode(heic, LIMIT)).isInstanceOf(kindred.model.PhotoReadException.class);
        decode("avif/libheif_example.avif").bgr().close();
    }

    @Test
    void probe() throws Exception {
        for (String n : new String[] {"heic/nokia8.3_grid_bad_irot.heif", "heic/libheif_example_2images.heic",
                "avif/immich_8bit-sRGB.avif", "avif/libheif_example.avif"}) {
            decode(n).bgr().close();
        }
        for (int i = 0; i < 5; i++) {
            decode("heic/iphone7_grid_IMG_2682.heic").bgr().close();
        }
        String[] all = {"heic/iphone7_grid_IMG_2682.heic", "heic/iphone11promax_grid_cropped_2566x3313.heic", "heic/nokia8.3_grid_bad_irot.heif", "heic/libheif_example_2images.heic",
                "avif/immich_8bit-sRGB.avif", "avif/libheif_example.avif"};
        for (String n : all) {
            HeifDecoder.Result r = decode(n);
            try (Mat m = PhotoDecoder.orient(r.bgr(), r.orientation()); Mat small = new Mat()) {
                double s = 800.0 / Math.max(m.cols(), m.rows());
                org.bytedeco.opencv.global.opencv_imgproc.resize(m, small, new org.bytedeco.opencv.opencv_core.Size((int) (m.cols() * s), (int) (m.rows() * s)));
                org.bytedeco.opencv.global.opencv_imgcodecs.imwrite("/tmp/heif-" + Path.of(n).getFileName() + ".png", small);
            }
        }
    }
}
