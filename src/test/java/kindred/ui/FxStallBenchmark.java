package kindred.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import kindred.app.Services;
import kindred.ui.MainWindowViewModel.Page;

/**
 * Benchmark, not a test: opens the real window on a fresh library (or a copy of one), adds a folder of N photos (copies of the
 * demo photos), and while the scan and indexing run, switches pages and changes the tile size the way a person
 * would. A watchdog posts a probe to the FX thread every 5 ms and records how late it runs; an animation timer
 * records the gaps between pulses. Prints the longest FX-thread stall (target under 100 ms).
 *
 * <p>Run: {@code docs/bench/fx-stall.sh [photos] [seconds] [library]} (defaults 1000 photos, 180 s of indexing, a fresh
 * library; given a library folder, a copy of it is opened instead, e.g. the 300,000-face one the clustering
 * benchmarks prepare).
 *
 * <p>{@code docs/bench/fx-stall.sh grid [photos] [person's photos]} (defaults 100,000 and 5,000) measures the date-grouped
 * grid instead, on a {@link DatedLibrary} (no indexing): the longest FX stall while scrolling All photos the ways a
 * person does (wheel, the scroll bar dragged, the year scrubber, the tile size), then how long a person page of 5,000
 * photos takes to open (targets: under 100 ms, under 200 ms).
 */
public final class FxStallBenchmark {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("grid")) {
            grid(args.length > 1 ? Integer.parseInt(args[1]) : 100_000, args.length > 2 ? Integer.parseInt(args[2]) : 5_000);
            return;
        }
        int photos = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 180;
        Path startFrom = args.length > 2 ? Path.of(args[2]) : null; // a library to copy and scan into (e.g. 300,000 faces)
        Path tmp = Files.createTempDirectory("kindred-bench");
        if (startFrom != null) {
            Path lib = Files.createDirectories(tmp.resolve("library"));
            try (var files = Files.list(startFrom)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, lib.resolve(f.getFileName()));
                }
            }
            System.out.printf("bench: starting from a copy of %s%n", startFrom);
        }
        Path folder = tmp.resolve("photos");
        List<Path> demo;
        try (var s = Files.list(UiTestSupport.testPhotos())) {
            demo = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        for (int i = 0; i < photos; i++) {
            Path dir = Files.createDirectories(folder.resolve(String.format("set-%03d", i / 100)));
            Files.copy(demo.get(i % demo.size()), dir.resolve(String.format("photo-%05d.jpg", i)));
        }
        System.out.printf("bench: %d photos in %s%n", photos, folder);

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Services services = Services.forWindow(tmp.resolve("library"));
        KindredApp.Window[] w = new KindredApp.Window[1];
        CountDownLatch opened = new CountDownLatch(1);
        Platform.runLater(() -> {
            w[0] = KindredApp.open(new Stage(), services);
            opened.countDown();
        });
        opened.await();
        MainWindowViewModel vm = w[0].viewModel();
        long firstFrame = w[0].firstFrameMillis().get(60, TimeUnit.SECONDS);
        long modelsReady = w[0].modelsReadyMillis().get(120, TimeUnit.SECONDS);
        System.out.printf("bench: window start: first frame %d ms after open, face models loaded in the background at %d ms%n",
                firstFrame, modelsReady);
        System.out.printf("bench: indexing with %d worker(s) at nice %d%n", services.indexing().threads(), services.indexing().nice());
        Thread.sleep(2000); // the window settles: startup is not what is measured

        // Watchdogs.
        List<Long> probeLate = Collections.synchronizedList(new ArrayList<>());
        AtomicLong maxPulseGap = new AtomicLong();
        AtomicLong lastPulse = new AtomicLong();
        AnimationTimer pulses = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long last = lastPulse.getAndSet(now);
                if (last != 0) {
                    maxPulseGap.accumulateAndGet(now - last, Math::max);
                }
            }
        };
        Platform.runLater(pulses::start);
        // When a probe is 50 ms late, sample what the FX thread is doing: the benchmark says where stalls come from.
        java.util.Map<String, Integer> stallSites = new java.util.concurrent.ConcurrentHashMap<>();
        Thread fx = onFx(Thread::currentThread);
        AtomicLong pendingSince = new AtomicLong();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        AtomicLong worstBusy = new AtomicLong();
        AtomicLong worstLate = new AtomicLong();
        AtomicLong busyInWorst = new AtomicLong();
        // When the worst stall ended (JVM uptime, ms): to tell how much of it was a garbage-collection pause.
        java.lang.management.RuntimeMXBean runtime = java.lang.management.ManagementFactory.getRuntimeMXBean();
        AtomicLong worstEndedAt = new AtomicLong();
        List<long[]> gcPauses = Collections.synchronizedList(new ArrayList<>());
        watchGcPauses(gcPauses);
        Thread probe = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long posted = System.nanoTime();
                long waiting = pendingSince.get();
                if (waiting != 0 && posted - waiting > 50_000_000L) {
                    stallSites.merge(site(fx.getStackTrace()), 1, Integer::sum);
                }
                pendingSince.compareAndSet(0, posted);
                long cpuAtPost = threads.getThreadCpuTime(fx.getId());
                Platform.runLater(() -> {
                    long late = System.nanoTime() - posted;
                    probeLate.add(late);
                    pendingSince.set(0);
                    // How much of the delay the FX thread spent working (CPU), not waiting to be scheduled.
                    long busy = threads.getCurrentThreadCpuTime() - cpuAtPost;
                    worstBusy.accumulateAndGet(busy, Math::max);
                    if (late > worstLate.get()) {
                        worstLate.set(late);
                        busyInWorst.set(busy);
                        worstEndedAt.set(runtime.getUptime());
                    }
                });
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-probe");
        probe.setDaemon(true);
        probe.start();

        long fxCpu0 = threads.getThreadCpuTime(fx.getId());
        java.util.Map<Long, Long> cpu0 = new java.util.HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            cpu0.put(id, threads.getThreadCpuTime(id));
        }
        long gc0 = gcMillis();
        long t0 = System.nanoTime();
        Platform.runLater(() -> vm.addFolders(List.of(folder)));
        Page[] pages = {Page.PHOTOS, Page.UNNAMED, Page.PEOPLE, Page.REVIEW, Page.PHOTOS, Page.SEARCH};
        int step = 0;
        boolean sawBusy = false;
        while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(seconds)) {
            Thread.sleep(2000);
            Page p = pages[step++ % pages.length];
            double size = 120 + (step % 4) * 60;
            Platform.runLater(() -> {
                vm.show(p);
                vm.tileSizeProperty().set(size);
            });
            boolean busy = onFx(() -> vm.indexing().busyProperty().get());
            sawBusy |= busy;
            if (sawBusy && !busy) {
                break;
            }
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double fxCpu = (threads.getThreadCpuTime(fx.getId()) - fxCpu0) / 1e9;
        long gc = gcMillis() - gc0;
        // Where this process's CPU went, by thread group: is the FX thread starved by our own work or by others'?
        java.util.Map<String, Long> cpuByGroup = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo ti : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (ti == null) {
                continue;
            }
            long used = threads.getThreadCpuTime(ti.getThreadId()) - cpu0.getOrDefault(ti.getThreadId(), 0L);
            String group = ti.getThreadName().replaceAll("-?\\d+$", "").replaceAll("#\\d+", "");
            cpuByGroup.merge(group, Math.max(0, used), Long::sum);
        }
        long processCpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        String status = onFx(() -> vm.indexing().statusProperty().get() + " · " + vm.indexing().detailProperty().get());
        kindred.library.LibraryCounts counts = services.store().counts();
        long indexed = counts.photos() - counts.pendingJobs();
        Platform.runLater(vm.indexing()::cancel);
        probe.interrupt();
        Platform.runLater(pulses::stop);
        Thread.sleep(500);

        List<Long> late;
        synchronized (probeLate) {
            late = new ArrayList<>(probeLate);
        }
        Collections.sort(late);
        double max = late.isEmpty() ? 0 : late.get(late.size() - 1) / 1e6;
        double p99 = late.isEmpty() ? 0 : late.get((int) (late.size() * 0.99)) / 1e6;
        long over = late.stream().filter(l -> l > 100_000_000L).count();
        System.out.printf("bench: %.0f s of scanning and indexing with the window open; status: %s%n", elapsed, status);
        System.out.printf("bench: indexed %d of %d photos in %.0f s: %.2f photos/s (scan included)%n", indexed, counts.photos(),
                elapsed, indexed / elapsed);
        System.out.printf("INDEX_RATE=%.2f%n", indexed / elapsed);
        System.out.printf("FX_P99_MS=%.1f%n", p99);
        System.out.printf("FX_BUSY_IN_WORST_MS=%.1f%n", busyInWorst.get() / 1e6);
        System.out.printf("bench: FX probes %d, p99 delay %.1f ms, longest FX-thread stall %.1f ms, stalls over 100 ms: %d, "
                + "longest gap between pulses %.1f ms%n", late.size(), p99, max, over, maxPulseGap.get() / 1e6);
        System.out.printf("bench: the FX thread used %.1f s of CPU in %.0f s (%.1f %%); garbage collection %d ms in all%n",
                fxCpu, elapsed, 100 * fxCpu / elapsed, gc);
        System.out.printf("bench: this process used %.0f s of CPU since it started; by thread in the run: %s%n", processCpu / 1e9,
                cpuByGroup.entrySet().stream().filter(e -> e.getValue() > 500_000_000L)
                        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                        .map(e -> String.format("%s %.1f s", e.getKey(), e.getValue() / 1e9)).toList());
        System.out.printf("bench: in the longest stall the FX thread itself ran %.1f ms (the rest it waited for a CPU); "
                + "the most it ran while a probe waited: %.1f ms%n", busyInWorst.get() / 1e6, worstBusy.get() / 1e6);
        System.out.printf("FX_BUSY_MAX_MS=%.1f%n", worstBusy.get() / 1e6);
        List<long[]> pauses;
        synchronized (gcPauses) {
            pauses = new ArrayList<>(gcPauses);
        }
        long gcMax = pauses.stream().mapToLong(p -> p[1]).max().orElse(0);
        long worstFrom = worstEndedAt.get() - Math.round(worstLate.get() / 1e6);
        long gcInWorst = pauses.stream().mapToLong(p -> Math.max(0, Math.min(p[0] + p[1], worstEndedAt.get()) - Math.max(p[0], worstFrom))).sum();
        System.out.printf("bench: garbage-collection pauses (%s): %d, longest %d ms; %d ms of pause inside the longest stall%n",
                String.join(", ", java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(java.lang.management.GarbageCollectorMXBean::getName).toList()), pauses.size(), gcMax, gcInWorst);
        System.out.printf("GC_PAUSE_MAX_MS=%d%n", gcMax);
        System.out.printf("GC_IN_WORST_MS=%d%n", gcInWorst);
        System.out.printf("FX_STALL_MAX_MS=%.1f%n", max);
        System.out.printf("bench: %d cores, load average %s (other programs competing for the CPU delay the FX thread too)%n",
                Runtime.getRuntime().availableProcessors(), loadAverage());
        stallSites.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(8)
                .forEach(e -> System.out.printf("bench: stalled %d× in %s%n", e.getValue(), e.getKey()));
        Platform.runLater(() -> {
            w[0].stage().hide();
            w[0].close();
        });
        Thread.sleep(300);
        services.close();
        Platform.exit();
        System.exit(0);
    }

    /**
     * The date-grouped grid of {@code photos} photos: FX stalls while scrolling, then the person page of
     * {@code personPhotos} photos opened 9 times (median and longest).
     */
    private static void grid(int photos, int personPhotos) throws Exception {
        Path tmp = Files.createTempDirectory("kindred-bench-grid");
        long made = System.nanoTime();
        Path library = DatedLibrary.create(tmp, photos, personPhotos);
        System.out.printf("bench: a library of %,d dated photos (Alice on %,d) written in %.1f s%n", photos, personPhotos,
                (System.nanoTime() - made) / 1e9);
        // JavaCPP loaded once, here, before the window's model warm-up and image threads start: the first thumbnail's
        // decode (Pointer's class initialisation) racing the warm-up's load of OpenCV deadlocked a run (both threads in
        // org.bytedeco.javacpp.Loader; reported as its own issue). This benchmark measures scrolling, not that race.
        org.bytedeco.javacpp.Loader.load(org.bytedeco.opencv.global.opencv_core.class);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Services services = Services.forWindow(library);
        KindredApp.Window[] w = new KindredApp.Window[1];
        long opening = System.nanoTime();
        onFx(() -> {
            w[0] = KindredApp.open(new Stage(), services);
            w[0].stage().setWidth(1280);
            w[0].stage().setHeight(800);
            return null;
        });
        MainWindowViewModel vm = w[0].viewModel();
        MainWindowView view = w[0].view();
        while (onFx(() -> vm.photos().photos().size()) < photos) {
            Thread.sleep(20);
        }
        System.out.printf("bench: All photos listed, sorted and grouped in %.0f ms after the window opened (%d months)%n",
                (System.nanoTime() - opening) / 1e6, onFx(() -> vm.photos().sectionsProperty().get().size()));
        Thread.sleep(3000); // the window settles: the first screen's thumbnails

        kindred.ui.common.PhotoGridView grid = onFx(view::photoGridForTests);
        kindred.ui.common.DateScrubber scrubber = onFx(view::scrubberForTests);
        Probe probe = new Probe();
        probe.start();
        java.util.Map<String, Long> gridCpu0 = cpuByThreadGroup();
        String statusAtStart = onFx(() -> vm.indexing().statusProperty().get() + " · " + vm.indexing().detailProperty().get()
                + " · " + vm.indexing().watchingProperty().get());
        // 1. The wheel: 1,000 notches of 120 px, 60 a second (17 s), from the top; alternately on the plain grid (no
        // headers: the baseline, the grid as it was before the date grouping) and on the date-grouped one, twice each.
        List<Probe.Figures> plainWheel = new ArrayList<>();
        List<Probe.Figures> groupedWheel = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            boolean plain = round % 2 == 0;
            onFx(() -> {
                grid.sectionsProperty().unbind();
                if (plain) {
                    grid.sectionsProperty().set(List.of());
                } else {
                    grid.sectionsProperty().bind(vm.photos().sectionsProperty());
                }
                grid.scrollProperty().set(0);
                return null;
            });
            Thread.sleep(2000);
            probe.cut();
            for (int i = 0; i < 1_000; i++) {
                Platform.runLater(() -> grid.scrollProperty().set(grid.scrollProperty().get() + 120));
                Thread.sleep(16);
            }
            (plain ? plainWheel : groupedWheel).add(probe.cut());
        }
        Probe.Figures wheel = groupedWheel.get(0).maxMs() > groupedWheel.get(1).maxMs() ? groupedWheel.get(0) : groupedWheel.get(1);
        System.out.printf("bench: wheel, longest FX stall per run: plain grid (baseline) %s ms, date-grouped %s ms; "
                        + "FX thread's longest run: plain %s ms, grouped %s ms%n",
                plainWheel.stream().map(f -> String.format("%.0f", f.maxMs())).toList(),
                groupedWheel.stream().map(f -> String.format("%.0f", f.maxMs())).toList(),
                plainWheel.stream().map(f -> String.format("%.1f", f.busyMaxMs())).toList(),
                groupedWheel.stream().map(f -> String.format("%.1f", f.busyMaxMs())).toList());
        onFx(() -> grid.scrollProperty().get()); // the grouped grid, scrolled
        // 2. The scroll bar's thumb dragged from top to bottom and back in 10 s: 600 positions across the whole library.
        for (int i = 0; i < 600; i++) {
            double f = i < 300 ? i / 299.0 : (599 - i) / 299.0;
            Platform.runLater(() -> grid.scrollProperty().set(f * Math.max(0, grid.contentHeight() - grid.getHeight())));
            Thread.sleep(16);
        }
        Probe.Figures drag = probe.cut();
        // 3. The year scrubber: each year, newest to oldest, then back, 4 a second.
        List<String> years = onFx(scrubber::years);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < years.size(); i++) {
                String y = years.get(round == 0 ? i : years.size() - 1 - i);
                Platform.runLater(() -> scrubber.jumpTo(y));
                Thread.sleep(250);
            }
        }
        Probe.Figures jumps = probe.cut();
        // 4. The tile size changed while scrolled deep: 100 to 360 px and back, 2 a second.
        double[] sizes = {100, 160, 240, 360, 240, 160, 100, 180};
        for (double size : sizes) {
            Platform.runLater(() -> vm.tileSizeProperty().set(size));
            Thread.sleep(500);
        }
        Probe.Figures resize = probe.cut();
        probe.stop();
        java.util.Map<String, Long> gridCpu = cpuByThreadGroup();
        gridCpu.replaceAll((k, v) -> v - gridCpu0.getOrDefault(k, 0L));
        System.out.printf("bench: CPU by thread while scrolling (ms): %s%n", gridCpu.entrySet().stream()
                .filter(e -> e.getValue() > 50_000_000L).sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue() / 1_000_000).toList());
        System.out.printf("bench: indexing status at the start of scrolling: %s; at the end: %s%n", statusAtStart,
                onFx(() -> vm.indexing().statusProperty().get() + " · " + vm.indexing().detailProperty().get()));
        System.out.printf("bench: scrolling %,d photos in %d months over %d years, tile 180 px, window 1280×800%n", photos,
                onFx(() -> vm.photos().sectionsProperty().get().size()), years.size());
        for (var e : java.util.Map.of("1 wheel", wheel, "2 scroll bar dragged", drag, "3 year scrubber", jumps, "4 tile size", resize)
                .entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).toList()) {
            System.out.printf("bench:   %-22s longest FX stall %6.1f ms (at %d ms uptime), p99 %5.1f ms, FX thread's longest run "
                            + "%5.1f ms (%d probes)%n", e.getKey(), e.getValue().maxMs(), e.getValue().worstAtMs(), e.getValue().p99Ms(),
                    e.getValue().busyMaxMs(), e.getValue().probes());
            if (!e.getValue().stalledIn().isEmpty()) {
                System.out.printf("bench:     sampled while a probe waited > 50 ms:%n           %s%n", e.getValue().stalledIn());
            }
        }
        double gridMax = Math.max(Math.max(wheel.maxMs(), drag.maxMs()), Math.max(jumps.maxMs(), resize.maxMs()));
        System.out.printf("GRID_FX_STALL_MAX_MS=%.1f%n", gridMax);
        System.out.printf("GRID_FX_BUSY_MAX_MS=%.1f%n", Math.max(Math.max(wheel.busyMaxMs(), drag.busyMaxMs()),
                Math.max(jumps.busyMaxMs(), resize.busyMaxMs())));

        // The person page: Bob's (100 photos) then Alice's, 9 times; from the click to Alice's photos laid out in the grid.
        List<Double> opens = new ArrayList<>();
        List<Double> read = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            onFx(() -> {
                vm.openPerson("Bob");
                return null;
            });
            while (!onFx(() -> "Bob".equals(vm.person().photos().person()) && vm.person().photos().photos().size() == 100)) {
                Thread.sleep(10);
            }
            Thread.sleep(500);
            long[] t = new long[3];
            CountDownLatch shown = new CountDownLatch(1);
            Platform.runLater(() -> {
                t[0] = System.nanoTime();
                vm.person().photos().photos().addListener(new javafx.collections.ListChangeListener<>() {
                    @Override
                    public void onChanged(Change<? extends kindred.ui.common.PhotoItem> c) {
                        if (vm.person().photos().photos().size() == personPhotos) {
                            t[2] = System.nanoTime(); // read, sorted and grouped: on the FX thread now
                            vm.person().photos().photos().removeListener(this);
                        }
                    }
                });
                vm.openPerson("Alice");
                AnimationTimer pulse = new AnimationTimer() {
                    @Override
                    public void handle(long now) {
                        // The grid laid out with Alice's photos (checked each pulse, after the previous pulse's layout).
                        var people = view.personViewForTests().photosView().grid();
                        if (vm.person().photos().photos().size() == personPhotos && people.photoTileAt(0) != null
                                && people.photoTileAt(0).isVisible()) {
                            t[1] = System.nanoTime();
                            stop();
                            shown.countDown();
                        }
                    }
                };
                pulse.start();
            });
            if (!shown.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Alice's page did not open in 30 s");
            }
            opens.add((t[1] - t[0]) / 1e6);
            read.add((t[2] - t[0]) / 1e6);
        }
        List<Double> sorted = new ArrayList<>(opens);
        Collections.sort(sorted);
        System.out.printf("bench: Alice's page (%,d photos): opened in %s ms; median %.0f ms, longest %.0f ms%n", personPhotos,
                opens.stream().map(d -> String.format("%.0f", d)).toList(), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
        System.out.printf("bench: of which the photos read, sorted and grouped (background) in %s ms%n",
                read.stream().map(d -> String.format("%.0f", d)).toList());
        System.out.printf("PERSON_PAGE_MEDIAN_MS=%.0f%n", sorted.get(sorted.size() / 2));
        System.out.printf("PERSON_PAGE_MAX_MS=%.0f%n", sorted.get(sorted.size() - 1));
        System.out.printf("bench: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(), loadAverage());
        Platform.runLater(() -> {
            w[0].stage().hide();
            w[0].close();
        });
        Thread.sleep(300);
        services.close();
        Platform.exit();
        System.exit(0);
    }

    /**
     * How late a probe posted to the FX thread every 5 ms runs, and how long the FX thread itself ran while one waited;
     * {@link #cut} returns the figures since the last cut.
     */
    private static final class Probe {
        /** {@code worstAtMs}: JVM uptime when the longest stall began, to find it in a -Xlog:gc log (uptime decorations). */
        record Figures(double maxMs, double p99Ms, double busyMaxMs, int probes, long worstAtMs, String stalledIn) {
        }

        /** Where the FX thread and the renderer were while a probe waited over 50 ms, sampled every 5 ms. */
        private final java.util.Map<String, Integer> sites = new java.util.concurrent.ConcurrentHashMap<>();
        private final AtomicLong pendingSince = new AtomicLong();

        private final List<long[]> late = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong busyMax = new AtomicLong();
        private Thread thread;

        void start() throws Exception {
            Thread fx = onFx(Thread::currentThread);
            Thread renderer = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("QuantumRenderer"))
                    .findFirst().orElse(null);
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            thread = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long posted = System.nanoTime();
                    long waiting = pendingSince.get();
                    if (waiting != 0 && posted - waiting > 50_000_000L) {
                        sites.merge("FX " + site(fx.getStackTrace()), 1, Integer::sum);
                        if (renderer != null) {
                            sites.merge("renderer " + site(renderer.getStackTrace()), 1, Integer::sum);
                        }
                    }
                    pendingSince.compareAndSet(0, posted);
                    long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
                    long cpu = threads.getThreadCpuTime(fx.getId());
                    Platform.runLater(() -> {
                        late.add(new long[] {System.nanoTime() - posted, uptime});
                        pendingSince.set(0);
                        busyMax.accumulateAndGet(threads.getCurrentThreadCpuTime() - cpu, Math::max);
                    });
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-probe");
            thread.setDaemon(true);
            thread.start();
        }

        Figures cut() throws Exception {
            Thread.sleep(200); // the last probes of this phase run
            List<long[]> l;
            synchronized (late) {
                l = new ArrayList<>(late);
                late.clear();
            }
            long busy = busyMax.getAndSet(0);
            l.sort(java.util.Comparator.comparingLong(a -> a[0]));
            double max = l.isEmpty() ? 0 : l.get(l.size() - 1)[0] / 1e6;
            double p99 = l.isEmpty() ? 0 : l.get((int) (l.size() * 0.99))[0] / 1e6;
            String stalledIn = sites.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(6).map(e -> e.getValue() + "× " + e.getKey()).collect(java.util.stream.Collectors.joining("\n           "));
            sites.clear();
            return new Figures(max, p99, busy / 1e6, l.size(), l.isEmpty() ? -1 : l.get(l.size() - 1)[1], stalledIn);
        }

        void stop() {
            thread.interrupt();
        }
    }

    /**
     * Records each stop-the-world collection as {start, duration} in JVM uptime ms (a concurrent collector's
     * cycles, which do not stop the FX thread, are left out).
     */
    private static void watchGcPauses(List<long[]> pauses) {
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc.getName().contains("Concurrent") || !(gc instanceof javax.management.NotificationEmitter emitter)) {
                continue;
            }
            emitter.addNotificationListener((n, handback) -> {
                if (com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    var info = com.sun.management.GarbageCollectionNotificationInfo
                            .from((javax.management.openmbean.CompositeData) n.getUserData()).getGcInfo();
                    pauses.add(new long[] {info.getStartTime(), info.getDuration()});
                }
            }, null, null);
        }
    }

    /** CPU time (ns) used so far by this process's live threads, by name without its number. */
    private static java.util.Map<String, Long> cpuByThreadGroup() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo ti : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (ti != null) {
                out.merge(ti.getThreadName().replaceAll("-?\\d+$", "").replaceAll("#\\d+", ""),
                        Math.max(0, threads.getThreadCpuTime(ti.getThreadId())), Long::sum);
            }
        }
        return out;
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * Names a stall: the top three frames, then what caused the work (our code, a ControlsFX skin, or the pulse's
     * CSS or layout pass) deeper in the stack.
     */
    private static String site(StackTraceElement[] st) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        int i = 0;
        for (; i < st.length && n < 3; i++) {
            StackTraceElement e = st[i];
            if (n == 0 && (e.getClassName().startsWith("java.") || e.getClassName().startsWith("jdk."))) {
                continue;
            }
            b.append(n == 0 ? "" : " < ").append(frame(e));
            n++;
        }
        java.util.List<String> causes = new java.util.ArrayList<>();
        for (; i < st.length && causes.size() < 3; i++) {
            StackTraceElement e = st[i];
            String c = e.getClassName();
            boolean ours = c.startsWith("kindred.") && !c.contains("FxStallBenchmark");
            boolean skin = c.startsWith("impl.org.controlsfx") || c.startsWith("org.controlsfx");
            boolean pass = e.getMethodName().equals("doCSSPass") || e.getMethodName().equals("doLayoutPass");
            if (ours || skin || pass) {
                causes.add(frame(e));
            }
        }
        if (!causes.isEmpty()) {
            b.append(" … ").append(String.join(" < ", causes));
        }
        return b.length() == 0 ? "idle (waiting for the CPU)" : b.toString();
    }

    private static String frame(StackTraceElement e) {
        return e.getClassName().replaceAll(".*\\.", "").replaceAll("\\$\\$Lambda.*", "\\$Lambda") + "." + e.getMethodName();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        java.util.concurrent.FutureTask<T> f = new java.util.concurrent.FutureTask<>(c);
        Platform.runLater(f);
        return f.get(30, TimeUnit.SECONDS);
    }
}
