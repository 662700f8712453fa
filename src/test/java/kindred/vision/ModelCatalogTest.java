package kindred.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelCatalogTest {

    @Test
    void parsesBlocksOfKeyValueLines() {
        ModelCatalog c = ModelCatalog.parse("""
                # comment
                [det-1]
                pack = default
                role = detector
                npm = @scope/pkg@1.0.0
                path = package/m.tflite
                file = m.tflite
                sha256 = ABCDEF
                license = MIT

                [opt-1]
                pack = extra
                role = detector
                url = https://example.org/x.onnx
                file = x.onnx
                sha256 = 00ff
                """);
        assertThat(c.entries()).hasSize(2);
        ModelCatalog.Entry d = c.byId("det-1").orElseThrow();
        assertThat(d.origin()).isEqualTo("npm:@scope/pkg@1.0.0/package/m.tflite");
        assertThat(d.sha256()).isEqualTo("abcdef");
        assertThat(c.byId("opt-1").orElseThrow().origin()).isEqualTo("https://example.org/x.onnx");
        assertThat(c.require("extra", "detector").file()).isEqualTo("x.onnx");
    }

    @Test
    void rejectsAnEntryWithoutHash() {
        assertThatThrownBy(() -> ModelCatalog.parse("[a]\nfile = a.bin\n")).hasMessageContaining("sha256");
    }

    @Test
    void classpathLockHasBothPacks() {
        ModelCatalog c = ModelCatalog.load();
        assertThat(c.require("default", "detector").id()).isEqualTo("blazeface-full-range-v1");
        assertThat(c.require("default", "embedder").id()).isEqualTo("mobilefacenet-v1");
        ModelCatalog.Entry yunet = c.require("yunet", "detector");
        assertThat(yunet.url()).startsWith("https://github.com/opencv/opencv_zoo/raw/").endsWith(yunet.file());
        assertThat(c.models()).noneMatch(e -> e.role().equals("test-photo"));
    }
}
