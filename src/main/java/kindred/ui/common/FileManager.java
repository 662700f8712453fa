package kindred.ui.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Shows a photo's file in the system's file manager: its folder with {@code xdg-open} on Linux (the desktop's file
 * manager), the file selected with {@code open -R} on macOS and {@code explorer /select,} on Windows. Started with a
 * {@link ProcessBuilder} on a background thread (java.awt.Desktop would start AWT inside the JavaFX application, and
 * JavaFX's HostServices cannot tell when nothing opened); when it fails the user is told why and where the file is.
 */
public final class FileManager {

    /**
     * How long to wait for the opener to report, in seconds: xdg-open hands the folder to the file manager and exits at
     * once (under 0.5 s measured on a GNOME desktop), or fails with a non-zero status when no file manager is set up.
     */
    static final int WAIT_SECONDS = 10;

    private FileManager() {
    }

    /** Shows {@code path} (a photo's file) in the file manager, off the FX thread; {@code tell} gets a message when it fails. */
    public static void show(TaskExecutor executor, String path, Consumer<String> tell) {
        executor.execute(BackgroundTask.of("Opening the folder", () -> open(System.getProperty("os.name", ""), Path.of(path)))
                .onSuccess(problem -> {
                    if (problem != null) {
                        tell.accept(problem);
                    }
                })
                .onFailure(t -> tell.accept("The folder could not be opened: " + Messages.forUser(t) + ". The photo is at " + path)));
    }

    /** Opens the file manager on {@code file}: null when it opened, else what went wrong, in words. */
    static String open(String os, Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return "The folder " + (folder == null ? file : folder) + " is not reachable: is the drive plugged in?";
        }
        return run(command(os, file), file);
    }

    /** The command that shows {@code file} in the file manager of the system named {@code os} (os.name). */
    static List<String> command(String os, Path file) {
        String name = os.toLowerCase(Locale.ROOT);
        Path abs = file.toAbsolutePath();
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return List.of("open", "-R", abs.toString());
        }
        if (name.startsWith("windows")) {
            return List.of("explorer.exe", "/select," + abs);
        }
        return List.of("xdg-open", abs.getParent().toString());
    }

    /** Runs {@code command}: null when it succeeded, else a sentence for the user. */
    static String run(List<String> command, Path file) {
        String program = command.get(0);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                return null; // still running: a file manager that did not detach, which is open by now
            }
            // explorer.exe reports 1 even when it opened the folder.
            if (p.exitValue() != 0 && !program.startsWith("explorer")) {
                return "No file manager opened (" + program + " ended with status " + p.exitValue() + "). The photo is at "
                        + file.toAbsolutePath();
            }
            return null;
        } catch (IOException e) {
            return "No file manager could be started (" + program + " is not installed). The photo is at " + file.toAbsolutePath();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
