package kindred.library;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * "Twins are one photo": files of one shot saved in several formats side by side (RAW+JPEG from a camera,
 * HEIC+JPEG from a phone export). Two or more files in the same folder with the same base name (compared without
 * case: {@code IMG_0001.CR2} and {@code IMG_0001.jpg}) from different {@link Family families} are one photo. The
 * primary (the file indexed, whose faces are stored) is the JPEG, else the HEIF file, else the RAW file; the others
 * are its twins. Files of no family (PNG, TIFF, WebP...) are never twins. Pure: works on file names, touches no
 * disk. Thread-safe (stateless).
 */
public final class Twins {

    /** Format families, in the order a primary is chosen: a JPEG before a HEIF file before a RAW file. */
    public enum Family {
        /** Decoded everywhere and the one file Kindred may embed regions into. */
        JPEG(Set.of("jpg", "jpeg", "jpe", "jfif")),
        /** Phone formats: HEIC/HEIF (and .hif from cameras), AVIF. */
        HEIF(Set.of("heic", "heif", "hif", "avif")),
        /** Camera RAW: Canon, Nikon, Sony, Adobe DNG, Olympus, Panasonic, Fujifilm, Pentax, Samsung, Sigma,
         *  Hasselblad, Phase One, Leica, GoPro. */
        RAW(Set.of("cr2", "cr3", "crw", "nef", "nrw", "arw", "srf", "sr2", "dng", "orf", "rw2", "raf", "pef", "srw",
                "x3f", "3fr", "iiq", "rwl", "gpr"));

        private final Set<String> extensions;

        Family(Set<String> extensions) {
            this.extensions = extensions;
        }

        /** Lower-case extensions without the dot. */
        public Set<String> extensions() {
            return extensions;
        }
    }

    private Twins() {
    }

    /** The family of a file name by its extension (any case), or empty for other files. */
    public static Optional<Family> family(String fileName) {
        String ext = extension(fileName);
        for (Family f : Family.values()) {
            if (f.extensions.contains(ext)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Whether a file of this name may be the twin of another (a HEIF or RAW file). */
    public static boolean mayBeTwin(String fileName) {
        Optional<Family> f = family(fileName);
        return f.isPresent() && f.get() != Family.JPEG;
    }

    /** The name before the last dot, lower-cased: what twins share. */
    public static String baseKey(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return (dot > 0 ? fileName.substring(0, dot) : fileName).toLowerCase(Locale.ROOT);
    }

    /**
     * Pairs the files of one folder.
     *
     * @param fileNames the names of the files in one folder (any files; those of no family are ignored)
     * @return for each file that is a twin, the name of its primary (a file of a better family with the same base
     *         name); files absent from the map are photos of their own. When two files of the primary's family share
     *         a base name (a case-sensitive disk holding {@code a.jpg} and {@code a.JPG}), the first by name is the
     *         primary, so that every scan chooses the same one.
     */
    public static Map<String, String> primaries(Collection<String> fileNames) {
        Map<String, TreeMap<Family, String>> best = new HashMap<>();
        for (String name : fileNames) {
            Optional<Family> f = family(name);
            if (f.isEmpty()) {
                continue;
            }
            best.computeIfAbsent(baseKey(name), k -> new TreeMap<>())
                    .merge(f.get(), name, (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        Map<String, String> out = new HashMap<>();
        for (String name : fileNames) {
            Optional<Family> f = family(name);
            if (f.isEmpty()) {
                continue;
            }
            Map.Entry<Family, String> primary = best.get(baseKey(name)).firstEntry();
            if (primary.getKey().compareTo(f.get()) < 0) {
                out.put(name, primary.getValue());
            }
        }
        return out;
    }

    /**
     * Which of the files of one shot owns the shared base-name sidecar ({@code IMG_0001.xmp}): the file that cannot
     * carry its own metadata, so a RAW file before a HEIF file before a JPEG. Lightroom Classic, Camera Raw, Bridge
     * and Capture One write {@code IMG_0001.xmp} for the RAW file of a RAW+JPEG pair and keep the JPEG's metadata
     * inside it (docs/decisions/0009-raw-and-twin-sidecars.md).
     *
     * @param fileName  the file asked about
     * @param siblings  the names of the files in its folder (it may be among them)
     * @return whether {@code fileName} owns its base-name sidecar
     */
    public static boolean ownsBaseNameSidecar(String fileName, Collection<String> siblings) {
        Optional<Family> mine = family(fileName);
        String key = baseKey(fileName);
        for (String other : siblings) {
            if (other.equals(fileName) || !baseKey(other).equals(key)) {
                continue;
            }
            Optional<Family> theirs = family(other);
            if (theirs.isEmpty()) {
                continue;
            }
            // Another file of the shot from a family less able to hold metadata owns it (a file of no family, a
            // PNG say, counts as a JPEG here: it can hold XMP).
            int my = mine.map(Enum::ordinal).orElse(Family.JPEG.ordinal());
            if (theirs.get().ordinal() > my) {
                return false;
            }
        }
        return true;
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
