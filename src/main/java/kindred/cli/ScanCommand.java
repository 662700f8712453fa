package kindred.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kindred.application.Kindred;
import kindred.library.Counted;
import kindred.library.IndexProgress;
import kindred.library.ScanSummary;
import kindred.library.scan.LibraryScan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "scan", description = {"Adds folders (or files) to the library and finds the faces in their new and changed photos.",
        "Each new or changed photo is decoded and its faces detected, aligned, embedded and clustered; unchanged photos "
                + "are skipped, and moved ones keep their faces."})
final class ScanCommand implements Callable<Integer> {

    @ParentCommand
    KindredCommand root;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Folders or photo files.")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
        Kindred s = root.services();
        ProgressBar bar = new ProgressBar(root.err, ProgressBar.terminalAttached());
        Thread[] hook = new Thread[1];
        LibraryScan.Report report;
        try {
            // A stopped process (Ctrl+C) cancels the run: the photos in progress are saved, the rest stays queued.
            report = s.scans().run(paths.stream().map(Path::toAbsolutePath).toList(), bar::update, run -> {
                hook[0] = new Thread(run::cancel);
                Runtime.getRuntime().addShutdownHook(hook[0]);
            });
        } finally {
            if (hook[0] != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook[0]);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: nothing to remove
                }
            }
        }
        ScanSummary summary = report.walk();
        IndexProgress p = report.indexing();
        kindred.library.regions.FaceRegionSync.ImportSummary imported = report.after().imported();
        int clustered = report.after().facesClustered();
        double clusteringSeconds = report.after().clusteringSeconds();
        double seconds = report.seconds();
        Output o = root.output();
        int indexed = report.photosIndexed();
        if (o.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("photos_seen", summary.seen());
            m.put("photos_indexed", indexed);
            m.put("photos_skipped_unchanged", summary.unchanged());
            m.put("photos_failed", p.photosFailed());
            m.put("faces_found", p.facesFound());
            m.put("seconds", Output.round(seconds, 3));
            m.put("photos_added", summary.added());
            m.put("photos_changed", summary.changed());
            m.put("photos_moved", summary.moved());
            m.put("photos_missing", summary.missing());
            m.put("twins", summary.twins());
            m.put("copies", summary.copies());
            m.put("offline_folders", summary.offline());
            m.put("faces_clustered", clustered);
            m.put("clustering_seconds", Output.round(clusteringSeconds, 3));
            if (imported != null) {
                m.put("regions_imported", imported.regionsImported());
                m.put("regions_matched", imported.regionsMatched());
            }
            m.put("pending_jobs", s.queries().pendingJobs());
            m.put("warnings", summary.warnings());
            o.json(m);
        } else {
            o.line("Scanned %s in %.1f s: %d indexed, %d unchanged, %d moved, %d failed, %s found.",
                    Counted.of(summary.seen(), "photo"), seconds, indexed, summary.unchanged(), summary.moved(), p.photosFailed(),
                    Counted.of(p.facesFound(), "face"));
            if (summary.twins() > 0) {
                o.line(summary.twins() == 1
                        ? "1 RAW/HEIC twin joined to its JPEG (one photo; faces are found on the JPEG)."
                        : "%d RAW/HEIC twins joined to their JPEGs (one photo each; faces are found on the JPEG).", summary.twins());
            }
            if (summary.copies() > 0) {
                o.line(summary.copies() == 1
                        ? "1 identical copy of a photo of the library (same content in another place): it shares that photo's faces and names."
                        : "%d identical copies of photos of the library (same content in another place): they share those photos' faces and names.",
                        summary.copies());
            }
            if (summary.missing() > 0) {
                o.line(summary.missing() == 1 ? "1 photo is no longer in its folder (kept in the library, marked missing)."
                        : "%d photos are no longer in their folders (kept in the library, marked missing).", summary.missing());
            }
            if (p.photosFailed() > 0) {
                o.line("Photos that could not be read are listed by `kindred status`.");
            }
            for (String w : summary.warnings()) {
                o.line("warning: %s", w);
            }
        }
        return 0;
    }
}
