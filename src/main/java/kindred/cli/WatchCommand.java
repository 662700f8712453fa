package kindred.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kindred.application.Kindred;
import kindred.library.watch.LibraryWatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kindred watch}: keeps the library current until it is stopped (a headless machine, a terminal session). */
@Command(name = "watch", description = {"Keeps the library current: indexes new, changed and renamed photos in its folders as they appear.",
        "Runs until Ctrl+C or SIGTERM and prints what it does (with --json, one JSON object a line); it first looks at what "
                + "changed since last time. A folder whose drive or share is not there is offline: its photos stay with their "
                + "faces and names, and nothing is indexed again when it comes back. Photos being indexed when it stops are "
                + "saved, the rest waits for the next start."})
final class WatchCommand implements Callable<Integer> {

    @ParentCommand
    KindredCommand root;

    @Option(names = "--for", paramLabel = "SECONDS", description = "Stops after this many seconds (default: runs until stopped).")
    Double seconds;

    /** How long a stopped process waits for the photos in progress to be saved, in seconds (then it ends anyway). */
    static final long STOP_WAIT_SECONDS = 60;

    @Override
    public Integer call() throws Exception {
        Kindred s = root.services();
        Output o = root.output();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS); // the photos in progress are saved first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kindred-watch-stop");
        LibraryWatch watch = s.watch();
        watch.start(new LibraryWatch.Listener() {
            @Override
            public void event(LibraryWatch.Event e) {
                print(o, e);
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (seconds != null) {
                stop.await(Math.round(seconds * 1000), TimeUnit.MILLISECONDS);
            } else {
                stop.await();
            }
            watch.close();
            print(o, new LibraryWatch.Event(null, null, 0, "Stopped watching."));
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: nothing to remove
            }
        }
        return 0;
    }

    private static void print(Output o, LibraryWatch.Event e) {
        synchronized (o) {
            if (o.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("event", e.what() == null ? "stopped" : e.what().name().toLowerCase(Locale.ROOT));
                if (e.path() != null) {
                    m.put("path", e.path());
                }
                m.put("count", e.count());
                m.put("text", e.text());
                o.jsonLine(m);
            } else {
                o.line("%s", e.text());
            }
        }
    }
}
