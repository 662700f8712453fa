package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark command reports every figure of the contract (no speed is asserted here). */
@Tag("slow")
class BenchCommandTest {

    @TempDir
    Path tmp;

    @Test
    void benchPrintsIndexingAndBaselineFigures() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Files.copy(CliHarness.testPhotos().resolve("sample1.jpg"), photos.resolve("a.jpg"));
        Files.copy(CliHarness.testPhotos().resolve("sample2.jpg"), photos.resolve("b.jpg"));
        var r = new CliHarness(tmp.resolve("library")).run("--json", "bench", "--images", photos.toString(), "--runs", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        for (String key : new String[] {"photos", "faces", "seconds", "photos_per_second", "faces_per_second",
                "baseline_photos_per_second", "ratio_to_baseline", "peak_heap_mb"}) {
            assertThat(j.has(key)).as(key).isTrue();
        }
        assertThat(j.get("photos").asInt()).isEqualTo(2);
        assertThat(j.get("faces").asInt()).isPositive();
        assertThat(j.get("ratio_to_baseline").asDouble()).isPositive();
    }
}
