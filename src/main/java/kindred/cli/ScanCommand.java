package kindred.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kindred.library.Counted;
import kindred.library.IndexProgress;
import kindred.library.ScanSummary;
import kindred.worker.IndexingService;
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
        long start = System.nanoTime();
        CliServices s = root.services();
        ProgressBar bar = new ProgressBar(root.err, ProgressBar.terminalAttached());
        // The workers index what the walk queues while it goes on (docs/decisions/0007-speed.md).
        // The faces are read for clustering once the first one is found, while the other photos are indexed.
        kindred.library.PrepareClusteringOnFirstFace prepare = s.prepareClusteringOnFirstFace(bar::update);
        IndexingService.IndexRun run = s.indexing().startWhileQueueing(prepare);
        Thread hook = new Thread(run::cancel);
        Runtime.getRuntime().addShutdownHook(hook);
        ScanSummary summary;
        IndexProgress p;
        try {
            summary = run.scan(s.scanner(), paths.stream().map(Path::toAbsolutePath).toList());
            p = run.await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: nothing to remove
            }
        }
        // Names other programs wrote into the photos, when the user turned that on (`xmp import --on-scan on`).
        kindred.library.regions.FaceRegionSync.ImportSummary imported = null;
        if (kindred.library.regions.FaceRegionSync.importOnScan(s.store())) {
            imported = s.regions(List.of()).importRegions(kindred.library.regions.FaceRegionSync.Selection.everything());
        }
        long clusteringStart = System.nanoTime();
        prepare.close(); // the clustering waits for the preparation anyway; one started late would outlive the command
        int clustered = s.people().clusterNewFaces();
        double clusteringSeconds = (System.nanoTime() - clusteringStart) / 1e9;
        double seconds = (System.nanoTime() - start) / 1e9;
        Output o = root.output();
        int indexed = p.photosDone() - p.photosFailed();
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
            m.put("faces_clustered", clustered);
            m.put("clustering_seconds", Output.round(clusteringSeconds, 3));
            if (imported != null) {
                m.put("regions_imported", imported.regionsImported());
                m.put("regions_matched", imported.regionsMatched());
            }
            m.put("pending_jobs", s.store().pendingJobs());
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
