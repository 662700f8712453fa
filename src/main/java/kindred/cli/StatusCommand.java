package kindred.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kindred.application.Kindred;
import kindred.library.FailedPhoto;
import kindred.library.LibraryCounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", description = "Library counts, the model pack in use, and the photos that could not be read.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    KindredCommand root;

    @Override
    public Integer call() {
        Kindred s = root.services();
        LibraryCounts c = s.queries().counts();
        List<FailedPhoto> failed = s.queries().failedPhotos();
        String pack = s.models().activePack();
        Output o = root.output();
        if (o.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("photos", c.photos());
            m.put("faces", c.faces());
            m.put("people", c.people());
            m.put("clusters", c.clusters());
            m.put("unassigned_faces", c.unassignedFaces());
            m.put("failed_photos", c.failedPhotos());
            m.put("pending_jobs", c.pendingJobs());
            m.put("model_pack", pack);
            m.put("missing_photos", c.missingPhotos());
            m.put("library", root.libraryDir().toString());
            m.put("failures", failed.stream().map(f -> Map.of("photo", f.path(), "reason", f.reason(), "message", f.message())).toList());
            o.json(m);
        } else {
            o.line("Library      %s", root.libraryDir());
            o.line("Model pack   %s", pack);
            o.line("Photos       %d (%d missing from disk)", c.photos(), c.missingPhotos());
            o.line("Faces        %d (%d not yet named)", c.faces(), c.unassignedFaces());
            o.line("People       %d", c.people());
            o.line("Clusters     %d", c.clusters());
            o.line("Pending      %s waiting to be indexed", kindred.library.Counted.of(c.pendingJobs(), "photo"));
            o.line("Failed       %s", kindred.library.Counted.of(c.failedPhotos(), "photo could not be read", "photos could not be read"));
            for (FailedPhoto f : failed) {
                o.line("  %s", f.path());
                o.line("    %s: %s", f.reason(), f.message());
            }
        }
        return 0;
    }
}
