package kindred.ui.common;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.text.NumberFormat;
import kindred.library.LibraryException;
import kindred.library.MissingFolderException;

/** Words for people: counts, durations, and errors turned into what happened and what to do. */
public final class Messages {

    private Messages() {
    }

    /** "1 photo", "1,200 photos": {@code n} and the noun, plural when n is not 1. */
    public static String count(int n, String noun) {
        return NumberFormat.getIntegerInstance().format(n) + " " + (n == 1 ? noun : noun + "s");
    }

    /** A large count in a few characters: 950, 5k, 20k, 1M. */
    public static String compact(long n) {
        if (n < 1_000) {
            return Long.toString(n);
        }
        if (n < 1_000_000) {
            return (n / 1_000) + "k";
        }
        return (n / 1_000_000) + "M";
    }

    /** A duration for people to read: "40 s", "12 min", "2 h 5 min". */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    /** A sentence a person can act on; never a stack trace. */
    public static String forUser(Throwable t) {
        Throwable c = t;
        while ((c instanceof RuntimeException) && c.getCause() != null && c.getMessage() == null) {
            c = c.getCause();
        }
        if (c instanceof MissingFolderException) {
            return c.getMessage();
        }
        if (c instanceof AccessDeniedException) {
            return "Kindred may not read " + c.getMessage() + ". Check the folder's permissions.";
        }
        if (c instanceof NoSuchFileException || c instanceof FileNotFoundException) {
            return c.getMessage() + " is gone. It may have been moved or deleted; rescan the folder.";
        }
        if (c instanceof LibraryException || c instanceof IllegalArgumentException) {
            return c.getMessage();
        }
        String m = c.getMessage();
        return (m == null || m.isBlank() ? "Something went wrong (" + c.getClass().getSimpleName() + ")" : m)
                + ". Your library is unchanged; try again, and if it keeps happening, restart Kindred.";
    }

    /** A name as typed, trimmed, its runs of white space made one space; null when nothing is left. */
    public static String cleanName(String name) {
        if (name == null) {
            return null;
        }
        String n = name.strip().replaceAll("\\s+", " ");
        return n.isEmpty() ? null : n;
    }
}
