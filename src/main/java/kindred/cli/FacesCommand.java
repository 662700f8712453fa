package kindred.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kindred.application.Kindred;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.library.FailedPhoto;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "faces", description = {"Lists faces with their boxes, in pixels of the photo as displayed (EXIF orientation applied)."})
final class FacesCommand implements Callable<Integer> {

    @ParentCommand
    KindredCommand root;

    @Option(names = "--photo", paramLabel = "PATH", description = "Only the faces of this photo (a RAW or HEIC twin of a JPEG names the JPEG's photo).")
    Path photo;

    @Option(names = "--person", paramLabel = "NAME", description = "Only the faces named NAME.")
    String person;

    @Override
    public Integer call() {
        Kindred s = root.services();
        String photoPath = photo == null ? null : canonical(photo);
        if (photoPath != null) {
            // A RAW or HEIC twin of a JPEG: its faces are the JPEG's (one photo, two files).
            photoPath = s.queries().photo(photoPath).map(kindred.library.StoredPhoto::path).orElse(photoPath);
        }
        final String photoPathFinal = photoPath;
        List<FaceInfo> faces = s.queries().faces(new FaceQuery(photoPath, person, null));
        FailedPhoto failure = photoPath == null ? null
                : s.queries().failedPhotos().stream().filter(f -> f.path().equals(photoPathFinal)).findFirst().orElse(null);
        Output o = root.output();
        if (o.json()) {
            o.json(faces.stream().map(FacesCommand::json).toList());
            if (failure != null) {
                root.err.println("kindred: " + failure.path() + " could not be read: " + failure.reason() + ": " + failure.message());
            }
        } else {
            if (failure != null) {
                o.line("%s could not be read (%s): %s", failure.path(), failure.reason(), failure.message());
            }
            for (FaceInfo f : faces) {
                o.line("%6d  %-50s %5.0f %5.0f %5.0f %5.0f  score %.2f  quality %.2f  %s", f.id(), f.photoPath(),
                        f.box().x(), f.box().y(), f.box().w(), f.box().h(), f.score(), f.quality(),
                        f.person() != null ? f.person() + " (" + f.state().json() + ")"
                                : f.clusterId() != null ? "cluster " + f.clusterId() : "unnamed");
            }
            o.line("%s", kindred.library.Counted.of(faces.size(), "face"));
        }
        return 0;
    }

    private static String canonical(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (java.io.IOException e) {
            return p.toAbsolutePath().normalize().toString();
        }
    }

    static Map<String, Object> json(FaceInfo f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("photo", f.photoPath());
        m.put("x", Output.round(f.box().x(), 1));
        m.put("y", Output.round(f.box().y(), 1));
        m.put("w", Output.round(f.box().w(), 1));
        m.put("h", Output.round(f.box().h(), 1));
        m.put("score", Output.round(f.score(), 4));
        m.put("quality", Output.round(f.quality(), 4));
        m.put("cluster", f.clusterId());
        m.put("person", f.person());
        m.put("source", f.source().json());
        m.put("state", f.state().json());
        return m;
    }
}
