package kindred.library;

import java.util.List;
import kindred.clustering.PeopleThresholds;
import kindred.clustering.PersonMatcher;

/**
 * The thresholds that decide what is grouped and suggested, named in plain words ("How alike two faces must be to be
 * grouped") with what each one trades off, for the Settings page's Advanced section. Read-only: each value was measured (docs/decisions/0003-clustering.md, 0004-suggestions.md) and
 * changing one needs a new measurement, not a slider.
 */
public final class Thresholds {

    private Thresholds() {
    }

    /**
     * One threshold.
     *
     * @param value     as shown, with its unit
     * @param tradeOff  what a higher and a lower value would do
     */
    public record Threshold(String name, String value, String tradeOff) {
    }

    public static List<Threshold> all() {
        return List.of(
                new Threshold("How alike a face must be to a named person to be suggested", "similarity ≥ " + PersonMatcher.SUGGEST_SCORE
                        + " (about 1 in " + String.format(java.util.Locale.ROOT, "%,d", PersonMatcher.oneIn(PersonMatcher.SUGGEST_SCORE))
                        + " chance of someone else)",
                        "Higher: fewer wrong suggestions, but more of the person's own faces left unnamed. Lower: more suggestions to reject."),
                new Threshold("How alike two faces must be to be grouped", "similarity ≥ " + PeopleThresholds.MERGE_COSINE_PAIR,
                        "Higher: fewer strangers in one group, but one person split over several groups. Lower: siblings may end up together."),
                new Threshold("How alike two large groups must be to become one", "average similarity ≥ " + PeopleThresholds.MERGE_COSINE_LARGE,
                        "Higher: big groups of one person stay apart (more to merge by hand). Lower: look-alike relatives may merge."),
                new Threshold("Smallest face that is grouped", PeopleThresholds.MIN_CLUSTER_FACE_PX + " px",
                        "Smaller faces are shown but never grouped or suggested: too few pixels to recognise reliably."),
                new Threshold("How sharp a face must be to be grouped", "quality ≥ " + PeopleThresholds.MIN_CLUSTER_QUALITY,
                        "Blurred or turned faces below it are shown but not grouped, so they do not pull strangers together."),
                new Threshold("Smallest group listed under Unnamed", "≥ " + PeopleThresholds.MIN_LISTED_CLUSTER_SIZE + " faces",
                        "Smaller groups are usually strangers seen once or twice; \"Show small groups\" lists pairs too."));
    }
}
