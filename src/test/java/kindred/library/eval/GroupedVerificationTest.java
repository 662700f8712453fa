package kindred.library.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import kindred.clustering.PersonMatcher;
import org.junit.jupiter.api.Test;

class GroupedVerificationTest {

    private static final double T = 0.5;

    /** Women: 3 same pairs, 3 different; men: 2 and 2; two pairs across; one pair with an unlisted image. */
    private static final List<PairScore> PAIRS = List.of(
            same("Ann/Ann_0001.jpg", "Ann/Ann_0002.jpg", 0.80),
            same("Ann/Ann_0001.jpg", "Ann/Ann_0003.jpg", 0.45),        // below the threshold: a false non-match
            new PairScore("Bea/Bea_0001.jpg", "Bea/Bea_0002.jpg", true, false, -1), // no face found: a false non-match
            different("Ann/Ann_0001.jpg", "Bea/Bea_0001.jpg", 0.55),   // a false match
            different("Ann/Ann_0002.jpg", "Bea/Bea_0002.jpg", 0.20),
            different("Ann/Ann_0003.jpg", "Bea/Bea_0001.jpg", 0.50),   // exactly at the threshold: a false match
            same("Carl/Carl_0001.jpg", "Carl/Carl_0002.jpg", 0.90),
            same("Dan/Dan_0001.jpg", "Dan/Dan_0002.jpg", 0.70),
            different("Carl/Carl_0001.jpg", "Dan/Dan_0001.jpg", 0.10),
            different("Carl/Carl_0002.jpg", "Dan/Dan_0002.jpg", 0.49),
            different("Ann/Ann_0001.jpg", "Carl/Carl_0001.jpg", 0.60), // across groups, a false match
            different("Bea/Bea_0001.jpg", "Dan/Dan_0001.jpg", 0.30),
            same("Eve/Eve_0001.jpg", "Eve/Eve_0002.jpg", 0.95));       // Eve is not in the groups file

    private static ImageGroups labels() throws IOException {
        StringBuilder b = new StringBuilder("# image\tgroup\n");
        for (String w : List.of("Ann_0001", "Ann_0002", "Ann_0003", "Bea_0001", "Bea_0002")) {
            b.append(w).append(".jpg\twoman\n");
        }
        for (String m : List.of("Carl_0001", "Carl_0002", "Dan_0001", "Dan_0002")) {
            b.append(m).append(".jpg\tman\n");
        }
        b.append("Kid_0001.jpg\tchild\n");
        return ImageGroups.parse(new StringReader(b.toString()), "groups.tsv");
    }

    @Test
    void ratesOfAGroupAreCountedFromItsOwnPairsAtTheThreshold() throws IOException {
        GroupRates women = row(GroupedVerification.of(PAIRS, labels(), T), "woman");
        assertThat(women.pairs()).isEqualTo(6);
        assertThat(women.samePairs()).isEqualTo(3);
        assertThat(women.differentPairs()).isEqualTo(3);
        assertThat(women.accuracy()).isCloseTo(2.0 / 6, within(1e-12));
        assertThat(women.falseMatches()).isEqualTo(2);
        assertThat(women.falseMatchRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(women.falseNonMatches()).isEqualTo(2);
        assertThat(women.falseNonMatchRate()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void aGroupWithoutErrorsScoresPerfectly() throws IOException {
        GroupRates men = row(GroupedVerification.of(PAIRS, labels(), T), "man");
        assertThat(men.pairs()).isEqualTo(4);
        assertThat(men.accuracy()).isEqualTo(1.0);
        assertThat(men.falseMatchRate()).isEqualTo(0.0);
        assertThat(men.falseNonMatchRate()).isEqualTo(0.0);
        assertThat(men.tarAtFar0001()).isEqualTo(1.0);
    }

    @Test
    void pairsAcrossGroupsAreScoredApartAndTheirMissingRateIsNull() throws IOException {
        GroupRates cross = GroupedVerification.of(PAIRS, labels(), T).crossGroup();
        assertThat(cross.group()).isEqualTo(GroupedVerification.CROSS_GROUP);
        assertThat(cross.pairs()).isEqualTo(2);
        assertThat(cross.falseMatchRate()).isEqualTo(0.5);
        assertThat(cross.accuracy()).isEqualTo(0.5);
        assertThat(cross.falseNonMatchRate()).isNull();
        assertThat(cross.tarAtFar0001()).isNull();
    }

    @Test
    void pairsWithAnUnlistedImageAreCountedApart() throws IOException {
        GroupedVerification v = GroupedVerification.of(PAIRS, labels(), T);
        assertThat(v.unlabelled().pairs()).isEqualTo(1);
        assertThat(v.groups().stream().mapToInt(GroupRates::pairs).sum() + v.crossGroup().pairs() + v.unlabelled().pairs())
                .isEqualTo(PAIRS.size());
    }

    @Test
    void aGroupWithoutPairsIsListedWithEveryRateNull() throws IOException {
        GroupRates children = row(GroupedVerification.of(PAIRS, labels(), T), "child");
        assertThat(children.pairs()).isZero();
        assertThat(children.accuracy()).isNull();
        assertThat(children.falseMatchRate()).isNull();
        assertThat(children.falseNonMatchRate()).isNull();
        assertThat(children.tarAtFar0001()).isNull();
        assertThat(children.tarFarAchievable()).isNull();
    }

    @Test
    void groupsAreListedAlphabetically() throws IOException {
        assertThat(GroupedVerification.of(PAIRS, labels(), T).groups()).extracting(GroupRates::group)
                .containsExactly("child", "man", "woman");
    }

    @Test
    void withFewerThanAThousandImpostorsTheTarIsAtTheFinestFarTheyCanShow() throws IOException {
        GroupRates women = row(GroupedVerification.of(PAIRS, labels(), T), "woman");
        // Different pairs 0.20, 0.50, 0.55: none may pass, so the threshold is above 0.55; one same pair (0.80) of 3.
        assertThat(women.tarAtFar0001()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(women.tooFewImpostorsForFar()).isTrue();
        assertThat(women.tarFarAchievable()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void withAThousandImpostorsTheTarIsAtFarOneInAThousand() {
        List<PairScore> pairs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            pairs.add(different("a" + i, "b" + i, i / 1000.0 * 0.5)); // 0 .. 0.4995; the strongest passes
        }
        pairs.add(same("c1", "c2", 0.4996));
        pairs.add(same("d1", "d2", 0.4990));
        GroupRates all = GroupedVerification.rates("all", pairs, T);
        assertThat(all.tooFewImpostorsForFar()).isFalse();
        assertThat(all.tarFarAchievable()).isEqualTo(VerificationEvaluator.FAR);
        assertThat(all.tarAtFar0001()).isEqualTo(0.5);
    }

    @Test
    void theSuggestionThresholdIsTheProductsOwn() throws IOException {
        assertThat(GroupedVerification.atSuggestionThreshold(PAIRS, labels()).threshold()).isEqualTo(PersonMatcher.SUGGEST_SCORE);
    }

    private static GroupRates row(GroupedVerification v, String group) {
        return v.groups().stream().filter(g -> g.group().equals(group)).findFirst().orElseThrow();
    }

    private static PairScore same(String a, String b, double score) {
        return new PairScore(a, b, true, true, score);
    }

    private static PairScore different(String a, String b, double score) {
        return new PairScore(a, b, false, true, score);
    }
}
