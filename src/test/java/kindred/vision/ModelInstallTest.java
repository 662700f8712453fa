package kindred.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kindred.library.FaceAnalyzer;
import kindred.library.ModelFileInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelInstallTest {

    private static final String YUNET_FILE = "face_detection_yunet_2026may.onnx";

    @TempDir
    Path library;

    @Test
    void extractsTheDefaultPackOnFirstUse() {
        Path models = library.resolve("models");
        OpenCvVisionProvider p = new OpenCvVisionProvider(models);
        try (FaceAnalyzer a = p.newAnalyzer()) {
            assertThat(a.detectorId()).isEqualTo("blazeface-full-range-v1");
            assertThat(a.embedderId()).isEqualTo("mobilefacenet-v1");
        }
        assertThat(models.resolve("face_detection_full_range.tflite")).isRegularFile();
        assertThat(models.resolve("MobileFaceNet.tflite")).isRegularFile();
        assertThat(p.activePack()).isEqualTo("default");
    }

    @Test
    void replacesADamagedDefaultModel() throws IOException {
        Path models = library.resolve("models");
        OpenCvVisionProvider p = new OpenCvVisionProvider(models);
        p.ensureDefaultPack();
        Files.write(models.resolve("MobileFaceNet.tflite"), new byte[] {1, 2, 3});
        assertThat(new OpenCvVisionProvider(models).verify())
                .filteredOn(m -> m.file().equals("MobileFaceNet.tflite")).extracting(ModelFileInfo::present).containsExactly(false);
        new OpenCvVisionProvider(models).ensureDefaultPack();
        assertThat(Files.size(models.resolve("MobileFaceNet.tflite"))).isGreaterThan(1_000_000);
    }

    @Test
    void refusesAnOptionalModelWhoseHashDiffers() throws IOException {
        Path from = Files.createDirectories(library.resolve("download"));
        Files.writeString(from.resolve(YUNET_FILE), "not the model");
        OpenCvVisionProvider p = new OpenCvVisionProvider(library.resolve("models"));
        assertThatThrownBy(() -> p.installFrom(from)).isInstanceOf(IOException.class)
                .hasMessageContaining("SHA-256").hasMessageContaining("nothing was installed");
        assertThat(library.resolve("models").resolve(YUNET_FILE)).doesNotExist();
        assertThat(p.activePack()).isEqualTo("default");
    }

    @Test
    void saysWhatToDoWhenTheOptionalModelIsMissing() throws IOException {
        Path from = Files.createDirectories(library.resolve("empty"));
        OpenCvVisionProvider p = new OpenCvVisionProvider(library.resolve("models"));
        assertThatThrownBy(() -> p.installFrom(from)).isInstanceOf(IOException.class)
                .hasMessageContaining(YUNET_FILE).hasMessageContaining("opencv_zoo");
    }

    @Test
    void listsEveryModelWithItsOrigin() {
        OpenCvVisionProvider p = new OpenCvVisionProvider(library.resolve("models"));
        assertThat(p.models()).extracting(ModelFileInfo::id)
                .containsExactly("blazeface-full-range-v1", "mobilefacenet-v1", "yunet-2026may");
        assertThat(p.models()).filteredOn(m -> m.pack().equals("yunet")).extracting(ModelFileInfo::present).containsExactly(false);
    }

    @Test
    void installsYunetFromAFolderAndMakesItActive() throws IOException {
        Path shared = TestPhotos.shared("models");
        OpenCvVisionProvider p = new OpenCvVisionProvider(library.resolve("models"));
        assertThat(p.installFrom(shared)).extracting(ModelFileInfo::id).containsExactly("yunet-2026may");
        assertThat(p.activePack()).isEqualTo("yunet");
        try (FaceAnalyzer a = p.newAnalyzer()) {
            assertThat(a.detectorId()).isEqualTo("yunet-2026may");
        }
        assertThat(library.resolve("models")).isDirectoryNotContaining("glob:**.part");
    }

    @Test
    void theActiveDetectorIdIsTheAnalyzersWithoutLoadingAnyModel() throws IOException {
        Path models = library.resolve("models");
        OpenCvVisionProvider p = new OpenCvVisionProvider(models);
        assertThat(p.activeDetectorId()).isEqualTo("blazeface-full-range-v1");
        assertThat(models.resolve("face_detection_full_range.tflite")).doesNotExist();
        p.installFrom(TestPhotos.shared("models"));
        try (FaceAnalyzer a = p.newAnalyzer()) {
            assertThat(p.activeDetectorId()).isEqualTo(a.detectorId()).isEqualTo("yunet-2026may");
        }
    }
}
