package kindred.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where the library lives when {@code --library} is not given. */
final class LibraryLocation {

    private LibraryLocation() {
    }

    /** {@code KINDRED_LIBRARY}, else the platform's per-user data folder. */
    static Path defaultDir(Map<String, String> env, String osName, String home) {
        String explicit = env.get("KINDRED_LIBRARY");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = env.getOrDefault("LOCALAPPDATA", home + "\\AppData\\Local");
            return Path.of(local, "Kindred");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "Kindred");
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "kindred");
        }
        return Path.of(home, ".local", "share", "kindred");
    }

    static Path defaultDir() {
        return defaultDir(System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    }
}
