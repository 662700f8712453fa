package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `kindred folders`, `folders move`, `folders remove` on a real library of the demo photos (issue 18, item 4). */
@Tag("slow")
class FoldersCommandTest {

    @TempDir
    Path tmp;

    CliHarness cli;
    Path photos;

    @BeforeEach
    void scanAndName() throws Exception {
        cli = new CliHarness(tmp.resolve("library"));
        photos = Files.createDirectories(tmp.resolve("drive-a/Family"));
        try (Stream<Path> s = Files.list(CliHarness.testPhotos())) {
            for (Path p : s.filter(p -> p.toString().endsWith(".jpg")).toList()) {
                Files.copy(p, photos.resolve(p.getFileName()));
            }
        }
        assertThat(cli.run("scan", photos.toString()).exit()).isZero();
        JsonNode faces = cli.run("--json", "faces").json();
        assertThat(faces.size()).isGreaterThan(3);
        // Three confirmed names on faces of different photos.
        List<String> named = new ArrayList<>();
        for (JsonNode f : faces) {
            String photo = f.get("photo").asText();
            if (named.stream().noneMatch(photo::equals) && named.size() < 3) {
                assertThat(cli.run("name", "--face", f.get("id").asText(), "Person " + named.size()).exit()).isZero();
                named.add(photo);
            }
        }
    }

    /** Each confirmed name with the file name of its photo: what a move must keep. */
    private TreeMap<String, String> confirmedNames() {
        TreeMap<String, String> out = new TreeMap<>();
        for (JsonNode f : cli.run("--json", "faces").json()) {
            if ("confirmed".equals(f.get("state").asText())) {
                out.put(f.get("person").asText(), Path.of(f.get("photo").asText()).getFileName().toString());
            }
        }
        return out;
    }

    @Test
    void foldersListsEachFolderWithItsPhotosAndState() {
        JsonNode list = cli.run("--json", "folders").json();
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).get("photos").asInt()).isEqualTo(6);
        assertThat(list.get(0).get("state").asText()).isEqualTo("present");
    }

    @Test
    void aFolderMovedToAnotherDriveKeepsEveryNameAndNothingIsIndexedAgain() throws Exception {
        TreeMap<String, String> before = confirmedNames();
        assertThat(before).hasSize(3);
        Path moved = Files.createDirectories(tmp.resolve("drive-b")).resolve("Family");
        Files.move(photos, moved);
        assertThat(cli.run("--json", "folders").json().get(0).get("state").asText()).isEqualTo("offline");

        JsonNode m = cli.run("--json", "folders", "move", photos.toString(), moved.toString()).json();
        assertThat(m.get("photos_moved").asInt()).isEqualTo(6);
        assertThat(m.get("photos_there").asInt()).isEqualTo(6);
        assertThat(confirmedNames()).isEqualTo(before);
        JsonNode list = cli.run("--json", "folders").json();
        assertThat(list.get(0).get("path").asText()).isEqualTo(moved.toString());
        assertThat(list.get(0).get("state").asText()).isEqualTo("present");
        // A scan of the new place finds every photo as it was: nothing new, nothing indexed again.
        JsonNode scan = cli.run("--json", "scan", moved.toString()).json();
        assertThat(scan.get("photos_indexed").asInt()).isZero();
        assertThat(scan.get("photos_skipped_unchanged").asInt()).isEqualTo(6);
        assertThat(confirmedNames()).isEqualTo(before);
    }

    /** The library as export-data writes it. */
    private JsonNode exported(String name) throws Exception {
        Path out = tmp.resolve(name + ".json");
        assertThat(cli.run("export-data", "--out", out.toString()).exit()).isZero();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toFile()).get("tables");
    }

    @Test
    void aMoveKeepsEveryFaceNameAndDecisionAsExportDataShows() throws Exception {
        assertThat(cli.run("reject", "--face", cli.run("--json", "faces").json().get(0).get("id").asText(), "--person", "Person 1").exit())
                .isZero();
        JsonNode before = exported("before");
        Path moved = Files.createDirectories(tmp.resolve("drive-b")).resolve("Family");
        Files.move(photos, moved);
        assertThat(cli.run("folders", "move", photos.toString(), moved.toString()).exit()).isZero();
        JsonNode after = exported("after");
        for (String t : List.of("people", "faces", "assignments", "rejections", "decisions", "suppressed_regions", "clusters")) {
            assertThat(after.get(t)).as(t).isEqualTo(before.get(t));
        }
        assertThat(after.get("assignments").toString()).contains("confirmed");
        // The same photos, each at its new place.
        assertThat(after.get("photos").size()).isEqualTo(before.get("photos").size());
        for (int i = 0; i < before.get("photos").size(); i++) {
            JsonNode b = before.get("photos").get(i);
            JsonNode a = after.get("photos").get(i);
            assertThat(a.get("id")).isEqualTo(b.get("id"));
            assertThat(a.get("content_hash")).isEqualTo(b.get("content_hash"));
            assertThat(a.get("path").asText()).isEqualTo(moved + b.get("path").asText().substring(photos.toString().length()));
        }
    }

    @Test
    void aMoveToAPlaceWithoutItsPhotosChangesNothing() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("drive-c/Empty"));
        var r = cli.run("--json", "folders", "move", photos.toString(), empty.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.json().get("message").asText() + r.json().get("hint").asText()).contains("None of the 6 photos");
        assertThat(cli.run("--json", "folders").json().get(0).get("path").asText()).isEqualTo(photos.toString());
        assertThat(confirmedNames()).hasSize(3);
    }

    @Test
    void removeSaysWhatItWouldForgetAndChangesNothingWithoutYes() {
        JsonNode r = cli.run("--json", "folders", "remove", photos.toString()).json();
        assertThat(r.get("removed").asBoolean()).isFalse();
        assertThat(r.get("photos").asInt()).isEqualTo(6);
        assertThat(r.get("confirmed_faces").asInt()).isEqualTo(3);
        assertThat(r.get("people")).hasSize(3);
        assertThat(cli.run("--json", "status").json().get("photos").asInt()).isEqualTo(6);
    }

    @Test
    void removeWithYesForgetsTheFolderAndKeepsThePhotosOnDisk() throws Exception {
        JsonNode r = cli.run("--json", "folders", "remove", "--yes", photos.toString()).json();
        assertThat(r.get("removed").asBoolean()).isTrue();
        JsonNode status = cli.run("--json", "status").json();
        assertThat(status.get("photos").asInt()).isZero();
        assertThat(status.get("faces").asInt()).isZero();
        assertThat(cli.run("--json", "folders").json()).isEmpty();
        try (Stream<Path> s = Files.list(photos)) {
            assertThat(s.count()).isEqualTo(6);
        }
        assertThat(cli.run("log").out()).contains("folder removed");
    }
}
