package kindred.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import kindred.application.Kindred;
import kindred.bench.HeapSampler;
import kindred.bench.Measure;
import kindred.library.BareIndexLoop;
import kindred.library.IndexSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "bench", description = {"Measures indexing speed on a folder against a bare decode-detect-embed loop.",
        "Indexes the folder into a fresh temporary library and, in the same run, times a bare decode-detect-embed loop "
                + "over the same files with the same models. Prints medians of --runs runs."})
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    KindredCommand root;

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of photos.")
    Path images;

    @Option(names = "--runs", defaultValue = "3", paramLabel = "N", description = "Runs of each (default ${DEFAULT-VALUE}); medians are reported.")
    int runs;

    @Override
    public Integer call() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(images)) {
            files = s.filter(Files::isRegularFile).filter(p -> IndexSettings.isPhotoFileName(p.getFileName().toString())).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new KindredCommand.UserError("No photos in " + images + ".");
        }
        double[] product = new double[runs];
        double[] bare = new double[runs];
        productCpu = new double[runs];
        bareCpu = new double[runs];
        scanSeconds = new double[runs];
        clusterSeconds = new double[runs];
        int faces = 0;
        int threads = Runtime.getRuntime().availableProcessors();
        HeapSampler heap = HeapSampler.start();
        for (int r = 0; r < runs; r++) {
            // Alternate the order so that neither side always runs on a warmer machine.
            if (r % 2 == 0) {
                product[r] = indexOnce(files, r);
                bare[r] = bareOnce(files, threads, r);
            } else {
                bare[r] = bareOnce(files, threads, r);
                product[r] = indexOnce(files, r);
            }
        }
        heap.close();
        faces = lastFaces;
        double seconds = Measure.median(product);
        double bareSeconds = Measure.median(bare);
        double pps = files.size() / seconds;
        double basePps = files.size() / bareSeconds;
        Output o = root.output();
        if (o.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("photos", files.size());
            m.put("faces", faces);
            m.put("seconds", Output.round(seconds, 3));
            m.put("photos_per_second", Output.round(pps, 3));
            m.put("faces_per_second", Output.round(faces / seconds, 3));
            m.put("baseline_photos_per_second", Output.round(basePps, 3));
            m.put("ratio_to_baseline", Output.round(pps / basePps, 3));
            m.put("peak_heap_mb", heap.peakUsedMb());
            // CPU seconds of the whole process per photo: on a shared machine wall time depends on the load,
            // CPU time much less. "photos/s on idle cores" = threads / (CPU seconds per photo).
            double cpuPerPhoto = Measure.median(productCpu) / files.size();
            double bareCpuPerPhoto = Measure.median(bareCpu) / files.size();
            m.put("cpu_ms_per_photo", Output.round(cpuPerPhoto * 1000, 1));
            m.put("baseline_cpu_ms_per_photo", Output.round(bareCpuPerPhoto * 1000, 1));
            m.put("idle_cores_photos_per_second", Output.round(threads / cpuPerPhoto, 2));
            m.put("baseline_idle_cores_photos_per_second", Output.round(threads / bareCpuPerPhoto, 2));
            m.put("cpu_ratio_to_baseline", Output.round(bareCpuPerPhoto / cpuPerPhoto, 3));
            m.put("scan_seconds", Output.round(Measure.median(scanSeconds), 3));
            m.put("cluster_seconds", Output.round(Measure.median(clusterSeconds), 3));
            m.put("load_average", Output.round(Measure.loadAverage(), 2));
            m.put("runs", runs);
            m.put("threads", threads);
            m.put("model_pack", root.services().models().activePack());
            m.put("seconds_each_run", Arrays.stream(product).map(v -> Output.round(v, 3)).boxed().toList());
            m.put("baseline_seconds_each_run", Arrays.stream(bare).map(v -> Output.round(v, 3)).boxed().toList());
            o.json(m);
        } else {
            o.line("%s, %s, %s, pack %s, median of %s.", kindred.library.Counted.of(files.size(), "photo"),
                    kindred.library.Counted.of(faces, "face"), kindred.library.Counted.of(threads, "thread"),
                    root.services().models().activePack(), kindred.library.Counted.of(runs, "run"));
            o.line("Kindred indexing  %.2f photos/s  %.2f faces/s  (%.2f s)", pps, faces / seconds, seconds);
            o.line("bare loop         %.2f photos/s  (%.2f s)", basePps, bareSeconds);
            o.line("ratio             %.3f", pps / basePps);
            o.line("peak heap         %d MB", heap.peakUsedMb());
            o.line("CPU per photo     %.1f ms (bare loop %.1f ms): %.2f photos/s on %d idle cores (bare %.2f)",
                    Measure.median(productCpu) / files.size() * 1000, Measure.median(bareCpu) / files.size() * 1000,
                    threads * files.size() / Measure.median(productCpu), threads, threads * files.size() / Measure.median(bareCpu));
            o.line("scan walk         %.2f s (indexing meanwhile), then clustering %.2f s; load average %.2f", Measure.median(scanSeconds), Measure.median(clusterSeconds),
                    Measure.loadAverage());
        }
        return 0;
    }

    private int lastFaces;
    private double[] productCpu;
    private double[] bareCpu;
    private double[] scanSeconds;
    private double[] clusterSeconds;

    private double indexOnce(List<Path> files, int run) throws Exception {
        Path lib = Files.createTempDirectory("kindred-bench-");
        try (Kindred s = root.services().withLibrary(lib)) {
            // Models are loaded before timing starts, as in the bare loop (the window warms up the same way).
            s.scans().warmUp();
            double cpu0 = Measure.processCpuSeconds();
            // Exactly what `kindred scan` does (LibraryScan): the walk queues photos while the workers index them, and
            // the library is read for clustering once the first face is found.
            kindred.library.scan.LibraryScan.Report report = s.scans().run(List.of(images), x -> { }, r -> { });
            productCpu[run] = Measure.processCpuSeconds() - cpu0;
            scanSeconds[run] = report.walkSeconds();
            clusterSeconds[run] = report.seconds() - report.indexingSeconds();
            lastFaces = report.indexing().facesFound();
            return report.seconds();
        } finally {
            deleteTree(lib);
        }
    }

    private double bareOnce(List<Path> files, int threads, int run) throws InterruptedException {
        var vision = root.services().models();
        // Models are loaded outside the measured CPU time, as the indexer's are (warmUp).
        java.util.Deque<kindred.library.FaceAnalyzer> ready = new java.util.ArrayDeque<>();
        for (int t = 0; t < threads; t++) {
            ready.push(vision.newAnalyzer());
        }
        double cpu0 = Measure.processCpuSeconds();
        BareIndexLoop.Result r = new BareIndexLoop(ready::pop, root.services().metadata(), threads).run(files);
        bareCpu[run] = Measure.processCpuSeconds() - cpu0;
        return r.seconds();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(s.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (java.io.IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
