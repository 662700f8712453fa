package kindred.vision;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/** Where the test photos and the shared development folder are, and small image helpers. */
final class TestPhotos {

    private TestPhotos() {
    }

    /** The npm face-api demo photos fetched by the build ({@code kindred.testPhotos}, set by surefire). */
    static Path sample(int i) {
        Path dir = Path.of(System.getProperty("kindred.testPhotos", "target/test-photos"));
        Path p = dir.resolve("sample" + i + ".jpg");
        assumeTrue(Files.isRegularFile(p), () -> {
            String why = "skipped: " + p + " is missing (run `mvn generate-resources` to fetch the demo photos)";
            System.out.println(why);
            return why;
        });
        return p;
    }

    static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared development folder ({@code kindred.shared}); skips the test with a printed reason when absent. */
    static Path shared(String sub) {
        Path dir = Path.of(System.getProperty("kindred.shared", "../shared")).resolve(sub);
        assumeTrue(Files.exists(dir), () -> {
            String why = "skipped: " + dir + " is absent (the shared development folder exists only in the team's workplace)";
            System.out.println(why);
            return why;
        });
        return dir;
    }

    static Mat decode(byte[] b) {
        try (BytePointer p = new BytePointer(b); Mat buf = new Mat(1, b.length, org.bytedeco.opencv.global.opencv_core.CV_8UC1, p)) {
            return opencv_imgcodecs.imdecode(buf, opencv_imgcodecs.IMREAD_COLOR);
        }
    }

    static byte[] encode(Mat img, String ext) {
        try (BytePointer out = new BytePointer()) {
            if (!opencv_imgcodecs.imencode(ext, img, out)) {
                throw new IllegalStateException("imencode " + ext);
            }
            byte[] b = new byte[(int) out.limit()];
            out.get(b);
            return b;
        }
    }
}
