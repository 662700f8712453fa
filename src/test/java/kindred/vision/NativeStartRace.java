package kindred.vision;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kindred.library.FaceAnalyzer;
import kindred.model.FaceBox;

/**
 * One attempt at the start-up race, in a fresh JVM (nothing native loaded yet): the window's model warm-up
 * (an analyzer built from the model packs, as {@code IndexingService.warmUp} does) and its first thumbnails and
 * face crops (as the image threads of {@code ImageCache} ask {@link OpenCvThumbnailer}) start at the same moment
 * on their own threads. Exits 0 when every task finished; exits {@link #HUNG} with a dump of every thread (and
 * the locks they hold) when they did not finish within the wait given, which only a deadlock explains (one
 * attempt takes 1-3 s on an idle core).
 *
 * <p>Arguments: model folder, a JPEG, a HEIC (or "-"), seconds to wait, and (optional) milliseconds the decodes
 * start after the warm-up.
 */
public final class NativeStartRace {

    /** Exit code of an attempt whose threads did not finish. */
    public static final int HUNG = 3;

    private NativeStartRace() {
    }

    public static void main(String[] args) throws Exception {
        Path models = Path.of(args[0]);
        byte[] jpeg = Files.readAllBytes(Path.of(args[1]));
        byte[] heic = "-".equals(args[2]) ? null : Files.readAllBytes(Path.of(args[2]));
        long waitSeconds = Long.parseLong(args[3]);
        String decodeStart = args.length > 4 ? args[4] : "0";
        // Now, not when dumping: ManagementFactory loads a JDK library, and a deadlocked JavaCPP load holds the
        // JDK's native-library lock.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        OpenCvVisionProvider provider = new OpenCvVisionProvider(models);
        List<Runnable> tasks = new ArrayList<>();
        tasks.add(() -> {
            try (FaceAnalyzer a = provider.newAnalyzer()) {
                a.getClass(); // built: every model loaded
            }
        });
        OpenCvThumbnailer thumbnailer = new OpenCvThumbnailer();
        tasks.add(() -> call(() -> thumbnailer.thumbnail(jpeg, 1, 160)));
        tasks.add(() -> call(() -> thumbnailer.faceCrop(jpeg, 1, new FaceBox(10, 10, 40, 40), 96)));
        if (heic != null) {
            tasks.add(() -> call(() -> thumbnailer.thumbnail(heic, 1, 160)));
        }

        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(tasks.size());
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        int i = 0;
        for (Runnable task : tasks) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    if (task != tasks.get(0)) {
                        awaitStart(decodeStart);
                    }
                    task.run();
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            }, "race-" + i++);
            t.setDaemon(true);
            t.start();
        }
        go.countDown();
        if (!done.await(waitSeconds, TimeUnit.SECONDS)) {
            System.out.println("HUNG: " + done.getCount() + " of " + tasks.size() + " tasks did not finish in " + waitSeconds + " s");
            System.out.println(threadDump(threads));
            System.out.flush();
            jstack(); // names the class initialisations the threads wait for, which the dump above cannot
            Runtime.getRuntime().halt(HUNG);
        }
        if (!failures.isEmpty()) {
            failures.forEach(f -> f.printStackTrace(System.out));
            System.out.flush();
            Runtime.getRuntime().halt(1);
        }
        System.out.println("OK " + tasks.size() + " tasks");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    /**
     * Waits before a decode: a number of milliseconds, or {@code jni} to wait until the first JavaCPP JNI library
     * other than JavaCPP's own is mapped into the process (Linux: /proc/self/maps), that is until another thread
     * runs that library's JNI_OnLoad, which is the moment the start-up deadlock needs.
     */
    private static void awaitStart(String how) throws Exception {
        if (!JNI.equals(how)) {
            Thread.sleep(Long.parseLong(how));
            return;
        }
        Path maps = Path.of("/proc/self/maps");
        while (true) {
            for (String line : Files.readAllLines(maps)) {
                if (line.contains("/libjni") && !line.contains("libjnijavacpp")) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
    }

    /** {@link #awaitStart} argument: start the decodes when another thread loads a JNI library. */
    public static final String JNI = "jni";

    private interface Call {
        Object run() throws Exception;
    }

    private static void call(Call c) {
        try {
            c.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JDK's jstack on this process, printed, when the JDK has it (it attaches even to deadlocked threads). */
    private static void jstack() {
        Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
        if (!Files.isExecutable(jstack)) {
            return;
        }
        try {
            Process p = new ProcessBuilder(jstack.toString(), Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            p.waitFor(JSTACK_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.out.println("jstack failed: " + e);
        }
    }

    /** Bound on jstack, in seconds: it takes about 1 s here. */
    private static final long JSTACK_SECONDS = 30;

    /** Every thread's state, stack and held locks, jstack-like. */
    static String threadDump(ThreadMXBean threads) {
        StringBuilder out = new StringBuilder();
        for (ThreadInfo t : threads.dumpAllThreads(true, true)) {
            out.append('"').append(t.getThreadName()).append("\" ").append(t.getThreadState());
            if (t.getLockName() != null) {
                out.append(" on ").append(t.getLockName());
            }
            if (t.getLockOwnerName() != null) {
                out.append(" owned by \"").append(t.getLockOwnerName()).append('"');
            }
            out.append('\n');
            for (StackTraceElement e : t.getStackTrace()) {
                out.append("\tat ").append(e).append('\n');
            }
            for (var m : t.getLockedMonitors()) {
                out.append("\t- locked ").append(m).append(" at ").append(m.getLockedStackFrame()).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }
}
