package kindred.cli;

import java.io.PrintStream;
import java.util.Locale;
import kindred.library.IndexProgress;

/** A one-line progress bar on stderr, redrawn at most every 200 ms; silent when stderr is not a terminal. */
final class ProgressBar {

    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean enabled;
    private long last;

    ProgressBar(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Terminals only: the bar is for people watching, not for logs. */
    static boolean terminalAttached() {
        return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    synchronized void update(IndexProgress p) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        boolean finalState = !"running".equals(p.state()) && !"paused".equals(p.state());
        if (!finalState && now - last < REDRAW_NANOS) {
            return;
        }
        last = now;
        int total = Math.max(1, p.photosTotal());
        int filled = (int) Math.round(WIDTH * (double) p.photosDone() / total);
        String eta = p.etaSeconds() < 0 ? "--" : formatSeconds(p.etaSeconds());
        err.printf(Locale.ROOT, "\r[%s%s] %d/%d photos  %s  %.1f photos/s  ETA %s   ",
                "#".repeat(Math.min(WIDTH, filled)), " ".repeat(Math.max(0, WIDTH - filled)),
                p.photosDone(), p.photosTotal(), kindred.library.Counted.of(p.facesFound(), "face"), p.photosPerSecond(), eta);
        if (finalState) {
            err.println();
        }
        err.flush();
    }

    static String formatSeconds(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
    }
}
