package kindred.library.audit;

import java.util.List;
import java.util.Map;
import kindred.library.eval.GroupRates;

/**
 * Each model pack's measured accuracy by group, shown on the Accuracy page, copied from the JSON of
 * {@code kindred eval verify --json --images ../shared/eval/lfw-dev/images --pairs ../shared/eval/lfw-dev/pairsDevTest.txt
 * --groups ../shared/eval/lfw-dev/gender.tsv} (docs/decisions/0010-accuracy-by-group.md has the commands, both View 1
 * files and what the figures mean). Rates at the suggestion threshold of the day, {@code PersonMatcher.SUGGEST_SCORE}
 * = 0.50; a test checks the two are still the same.
 */
final class GroupBenchmarks {

    static final String DATASET = "LFW pairsDevTest";
    static final String LABELS = "LFW gender labels, manually verified (Afifi & Abdelhamed, AFIF4, 2017)";
    static final String MEASURED_ON = "2026-12-06";
    static final double THRESHOLD = 0.50;

    static final Map<String, GroupBenchmark> BY_PACK = Map.of(
            "default", new GroupBenchmark("default", DATASET, LABELS, MEASURED_ON, THRESHOLD, List.of(
                    // group, pairs, same, different, accuracy, false matches, rate, false non-matches, rate, TAR, its FAR
                    new GroupRates("woman", 177, 137, 40, 0.9661, 0, 0.0, 6, 0.0438, 0.9562, 0.025),
                    new GroupRates("man", 606, 363, 243, 0.9818, 0, 0.0, 10, 0.0275, 0.9835, 0.004115)),
                    new GroupRates("cross_group", 212, 0, 212, 1.0, 0, 0.0, 0, null, null, 0.004717)),
            "yunet", new GroupBenchmark("yunet", DATASET, LABELS, MEASURED_ON, THRESHOLD, List.of(
                    new GroupRates("woman", 177, 137, 40, 0.9548, 1, 0.025, 7, 0.0511, 0.9416, 0.025),
                    new GroupRates("man", 606, 363, 243, 0.9818, 0, 0.0, 11, 0.0303, 0.9917, 0.004115)),
                    new GroupRates("cross_group", 212, 0, 212, 1.0, 0, 0.0, 0, null, null, 0.004717)));

    private GroupBenchmarks() {
    }
}
