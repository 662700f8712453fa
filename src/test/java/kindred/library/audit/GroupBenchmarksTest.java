package kindred.library.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import kindred.library.eval.GroupRates;
import kindred.clustering.PersonMatcher;
import org.junit.jupiter.api.Test;

class GroupBenchmarksTest {

    @Test
    void theFiguresShownAreAtTheProductsSuggestionThreshold() {
        assertThat(GroupBenchmarks.BY_PACK.values()).allSatisfy(b -> assertThat(b.threshold()).isEqualTo(PersonMatcher.SUGGEST_SCORE));
    }

    @Test
    void everyPackHasAFigureByGroup() {
        assertThat(GroupBenchmarks.BY_PACK).containsKeys("default", "yunet");
    }

    @Test
    void eachRowsRatesAgreeWithItsCounts() {
        for (GroupBenchmark b : GroupBenchmarks.BY_PACK.values()) {
            for (GroupRates g : b.groups()) {
                assertThat(g.samePairs() + g.differentPairs()).as("%s %s", b.pack(), g.group()).isEqualTo(g.pairs());
                assertThat(g.falseMatchRate()).isCloseTo((double) g.falseMatches() / g.differentPairs(), within(5e-5));
                assertThat(g.falseNonMatchRate()).isCloseTo((double) g.falseNonMatches() / g.samePairs(), within(5e-5));
            }
        }
    }

    @Test
    void plainWordsSayHowOftenASuggestionIsWrongForEachGroup() {
        GroupBenchmark b = new GroupBenchmark("default", "LFW pairsDevTest", "labels", "2026-12-06", 0.5, List.of(
                new GroupRates("woman", 100, 50, 50, 0.9, 2, 0.04, 8, 0.16, 0.8, 0.02),
                new GroupRates("man", 300, 150, 150, 0.9, 0, 0.0, 3, 0.02, 0.9, 1.0 / 150)),
                new GroupRates("cross_group", 10, 0, 10, 1.0, 0, 0.0, 0, null, null, 0.1), List.of("A finding."));
        assertThat(b.plainWords().get(0)).contains("for women 1 time in 25 (2 of 50 pairs of two different women)")
                .contains("for men not once in 150 pairs of two different men");
        assertThat(b.plainWords()).anySatisfy(w -> assertThat(w).contains("50 pairs of two different women and 150 pairs of two different men are too few"));
        assertThat(b.plainWords()).last().isEqualTo("A finding.");
    }
}
