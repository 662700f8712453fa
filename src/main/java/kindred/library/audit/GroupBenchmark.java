package kindred.library.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kindred.library.eval.GroupRates;

/**
 * A model pack's accuracy by group on a public benchmark, measured by the Kindred developers with
 * {@code kindred eval verify --groups} (the figures and commands are in docs/decisions/0010-accuracy-by-group.md).
 *
 * @param pack       the model pack ("default", "yunet")
 * @param dataset    the pairs ("LFW pairsDevTest")
 * @param labels     where the group labels come from
 * @param measuredOn the day of the measurement (ISO date)
 * @param threshold  the suggestion threshold the rates are at (the product's {@code PersonMatcher.SUGGEST_SCORE} then)
 * @param groups     one row per group
 * @param crossGroup the pairs whose two images are in different groups
 * @param findings   what a larger measurement found that the table's few pairs cannot show, in plain words
 */
public record GroupBenchmark(String pack, String dataset, String labels, String measuredOn, double threshold,
                             List<GroupRates> groups, GroupRates crossGroup, List<String> findings) {

    /** What no labelled public set lets Kindred measure yet, said plainly. */
    public static final String NOT_MEASURED = "Not measured: skin tone, age and children. No public set of face photos "
            + "labelled that way is available to Kindred yet, so nobody knows whether Kindred is as accurate for darker skin, "
            + "for older people or for children; do not assume it is.";

    /** The groups' figures in plain words, one sentence a line. */
    public List<String> plainWords() {
        List<String> out = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        for (GroupRates g : groups) {
            if (g.falseMatchRate() != null) {
                wrong.add(falseMatches(g));
            }
            if (g.falseNonMatchRate() != null) {
                missed.add(falseNonMatches(g));
            }
        }
        if (!wrong.isEmpty()) {
            out.add("Shown photos of two different people, Kindred wrongly suggests they are the same person: "
                    + String.join("; ", wrong) + ".");
        }
        if (!missed.isEmpty()) {
            out.add("Shown two photos of the same person, Kindred does not suggest the match: " + String.join("; ", missed) + ".");
        }
        List<String> few = new ArrayList<>();
        int fewest = Integer.MAX_VALUE;
        for (GroupRates g : groups) {
            if (g.differentPairs() > 0 && g.tooFewImpostorsForFar()) {
                fewest = Math.min(fewest, g.differentPairs());
                few.add(String.format(Locale.ROOT, "%d pairs of two different %s", g.differentPairs(), plural(g.group())));
            }
        }
        if (!few.isEmpty()) {
            out.add(String.format(Locale.ROOT, "%s %s too few to tell a rate of 1 in 1,000 from zero: \"not once in %d pairs\" "
                    + "only says it is rarer than about 1 in %d.", String.join(" and ", few), few.size() == 1 ? "is" : "are",
                    fewest, fewest));
        }
        out.addAll(findings);
        return out;
    }

    /** "for women 1 time in 40 (1 of 40 pairs)", or "for women never in 40 pairs". */
    static String falseMatches(GroupRates g) {
        return timesIn(plural(g.group()), g.falseMatches(), g.differentPairs(), "of two different " + plural(g.group()));
    }

    static String falseNonMatches(GroupRates g) {
        return timesIn(plural(g.group()), g.falseNonMatches(), g.samePairs(), "of the same " + g.group());
    }

    private static String timesIn(String who, int count, int of, String pairsOf) {
        if (count == 0) {
            return String.format(Locale.ROOT, "for %s not once in %d pairs %s", who, of, pairsOf);
        }
        return String.format(Locale.ROOT, "for %s 1 time in %s (%d of %d pairs %s)", who, oneIn(count, of), count, of, pairsOf);
    }

    private static String oneIn(int count, int of) {
        double n = (double) of / count;
        return n >= 10 ? String.format(Locale.ROOT, "%.0f", n) : String.format(Locale.ROOT, "%.1f", n);
    }

    /** "woman" → "women", "man" → "men"; other group names as they are. */
    static String plural(String group) {
        return switch (group) {
            case "woman" -> "women";
            case "man" -> "men";
            default -> group;
        };
    }
}
