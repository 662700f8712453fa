package kindred.library.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupedClusterScoresTest {

    @Test
    void bcubedOfAGroupAveragesItsOwnFacesOverTheWholeClustering() throws IOException {
        // Ann's two faces and Bob's one share a cluster; Eve (not in the groups file) is alone.
        var c = new ClusterEvaluator.Clustering(List.of("Ann_0001.jpg", "Ann_0002.jpg", "Bob_0001.jpg", "Eve_0001.jpg"),
                Map.of(0L, "Ann", 1L, "Ann", 2L, "Bob", 3L, "Eve"),
                Map.of(0L, "c1", 1L, "c1", 2L, "c1", 3L, "alone3"));
        ImageGroups labels = ImageGroups.parse(new StringReader(
                "Ann_0001.jpg\twoman\nAnn_0002.jpg\twoman\nBob_0001.jpg\tman\nKid_0001.jpg\tchild\n"), "g");
        GroupedClusterScores s = GroupedClusterScores.of(c, labels);
        assertThat(s.groups()).extracting(GroupedClusterScores.Group::group).containsExactly("child", "man", "woman");
        GroupedClusterScores.Group women = s.groups().get(2);
        assertThat(women.faces()).isEqualTo(2);
        assertThat(women.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(women.recall()).isEqualTo(1.0);
        GroupedClusterScores.Group men = s.groups().get(1);
        assertThat(men.precision()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(men.recall()).isEqualTo(1.0);
        assertThat(s.groups().get(0).precision()).isNull();
        assertThat(s.unlabelledFaces()).isEqualTo(1);
    }
}
