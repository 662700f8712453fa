package kindred.library;

import java.util.Locale;

/** Counts in words for messages: "1 face", "2 faces", "1 person", "3 people" (never "face(s)"). */
public final class Counted {

    private Counted() {
    }

    /** {@code n} and the noun, with an "s" unless {@code n} is 1. */
    public static String of(long n, String noun) {
        return of(n, noun, noun + "s");
    }

    /** {@code n} and the singular or the plural. */
    public static String of(long n, String singular, String plural) {
        return String.format(Locale.ROOT, "%d %s", n, n == 1 ? singular : plural);
    }

    /** The noun alone, for a count written elsewhere (a column of a table). */
    public static String noun(long n, String noun) {
        return n == 1 ? noun : noun + "s";
    }
}
