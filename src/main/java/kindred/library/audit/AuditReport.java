package kindred.library.audit;

import java.util.List;

/**
 * How well recognition has done on this library, from the user's own decisions, next to the model pack's measured
 * accuracy on a public benchmark. Precisions are 0..1, or null when there is nothing to measure yet.
 *
 * @param confirmedFaces      faces the user has confirmed (named, or accepted a suggestion for)
 * @param suggestionsAccepted suggestions the user confirmed as the suggested person
 * @param suggestionsRejected suggestions the user said were not that person (rejected, or named someone else)
 * @param suggestionPrecision accepted / (accepted + rejected)
 * @param people              per person, most decisions first
 * @param facesConfirmedForTwoPeople faces the user confirmed as one person and later as another
 * @param benchmark           the active pack's measured public-benchmark accuracy (null when unknown)
 * @param benchmarkByGroup    the active pack's measured public-benchmark accuracy by group (null when unknown)
 */
public record AuditReport(int confirmedFaces, int suggestionsAccepted, int suggestionsRejected, Double suggestionPrecision,
                          List<PersonAudit> people, List<TwiceConfirmed> facesConfirmedForTwoPeople, Benchmark benchmark,
                          GroupBenchmark benchmarkByGroup) {

    /**
     * One person.
     *
     * @param oftenRejected   many of their suggestions were wrong: often a sign of a look-alike (sibling, twin, parent)
     * @param confusedWith    people whose faces were suggested as this person, or the other way round, and corrected
     */
    public record PersonAudit(long personId, String name, int confirmedFaces, int suggestionsAccepted, int suggestionsRejected,
                              Double suggestionPrecision, boolean oftenRejected, List<String> confusedWith) {
    }

    /** A face confirmed for several people over time, in the order the user named them (the last is current). */
    public record TwiceConfirmed(long faceId, List<String> people) {
    }

    /**
     * The pack's accuracy on a public benchmark, measured by the Kindred developers with {@code kindred eval verify}.
     *
     * @param accuracy 0..1
     */
    public record Benchmark(String pack, String dataset, double accuracy, String measuredOn, String threshold, String source) {
    }

    /** The numbers in plain words, one sentence a line, for people (the command line's text and the window). */
    public List<String> plainWords() {
        List<String> out = new java.util.ArrayList<>();
        int decided = suggestionsAccepted + suggestionsRejected;
        out.add("You have confirmed " + plural(confirmedFaces, "face") + ".");
        if (decided == 0) {
            out.add("You have not yet confirmed or rejected any suggestion, so there is nothing to measure on your photos yet.");
        } else {
            out.add(String.format(java.util.Locale.ROOT, "Of the %s you decided on, %d %s right and %d wrong: "
                    + "when Kindred suggested a name, it was right %.0f %% of the time.", plural(decided, "suggestion"),
                    suggestionsAccepted, suggestionsAccepted == 1 ? "was" : "were", suggestionsRejected, 100 * suggestionPrecision));
            out.add("This measures only suggestions you looked at; suggestions still waiting are not counted.");
        }
        for (PersonAudit p : people) {
            if (p.oftenRejected()) {
                out.add(String.format(java.util.Locale.ROOT, "%s: %d of %d suggestions were wrong%s. Someone who looks alike "
                        + "(a sibling, a twin, a parent) is often the reason; keep confirming and rejecting and the suggestions "
                        + "learn from it.", p.name(), p.suggestionsRejected(), p.suggestionsAccepted() + p.suggestionsRejected(),
                        p.confusedWith().isEmpty() ? "" : " (mixed up with " + String.join(", ", p.confusedWith()) + ")"));
            }
        }
        if (!facesConfirmedForTwoPeople.isEmpty()) {
            int n = facesConfirmedForTwoPeople.size();
            out.add(plural(n, "face") + (n == 1 ? " was" : " were") + " confirmed as one person and later as another: "
                    + "worth a second look.");
        }
        if (benchmark != null) {
            out.add(String.format(java.util.Locale.ROOT, "On the public benchmark %s, the \"%s\" model pack tells whether two "
                    + "faces are the same person correctly %.2f %% of the time (measured %s). Family photos are harder "
                    + "than that benchmark: relatives look alike and children change, so your own numbers above matter more.",
                    benchmark.dataset(), benchmark.pack(), 100 * benchmark.accuracy(), benchmark.measuredOn()));
            // Where the figure comes from (a design note of the source) is in Benchmark.source(), for `kindred audit
            // --json`: words for people carry no source paths or model code names (issue 17).
        }
        return out;
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
