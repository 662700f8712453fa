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

    /** The file in the platform's data folder that names a library chosen in Settings (one absolute path). */
    static final String POINTER_FILE = "library-location.txt";

    /**
     * {@code KINDRED_LIBRARY}, else a library chosen in Settings (read from {@link #POINTER_FILE} in the platform's
     * data folder), else the platform's data folder itself.
     */
    static Path defaultDir() {
        String explicit = System.getenv("KINDRED_LIBRARY");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        Path platform = platformDir();
        return chosen(platform).orElse(platform);
    }

    /** The platform's per-user data folder (what {@code KINDRED_LIBRARY} would override). */
    static Path platformDir() {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.remove("KINDRED_LIBRARY");
        return defaultDir(env, System.getProperty("os.name"), System.getProperty("user.home"));
    }

    /** The library chosen in Settings for the next start, if any. */
    static java.util.Optional<Path> chosen(Path platformDir) {
        Path pointer = pointerFile(platformDir);
        try {
            if (java.nio.file.Files.isRegularFile(pointer)) {
                String p = java.nio.file.Files.readString(pointer).strip();
                if (!p.isEmpty() && Path.of(p).isAbsolute()) {
                    return java.util.Optional.of(Path.of(p));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // an unreadable pointer means no choice: the platform folder is used
        }
        return java.util.Optional.empty();
    }

    /** Remembers {@code dir} as the library to open from the next start on. */
    static void choose(Path platformDir, Path dir) throws java.io.IOException {
        java.nio.file.Files.createDirectories(platformDir);
        java.nio.file.Files.writeString(pointerFile(platformDir), dir.toAbsolutePath().normalize() + System.lineSeparator());
    }

    private static Path pointerFile(Path platformDir) {
        return platformDir.resolve(POINTER_FILE);
    }
}
