package kindred.clustering;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kindred.clustering.devset.LfwEmbeddings;

/**
 * Tool (not a test): measures {@link PersonMatcher} scores on the cached LFW embeddings. Each person with
 * ≥ 10 photos gets a gallery of their first m faces; genuine = their other faces, impostor = every face of
 * every other library person. Prints, per gallery size, the false-match rate (impostor share ≥ score) and
 * the true-match rate at a ladder of scores, for people in half A and half B separately (transfer).
 */
public final class MatcherCalibration {

    public static void main(String[] args) throws Exception {
        Path lfw = Path.of(args.length > 0 ? args[0] : "../shared/eval/lfw-dev");
        List<LfwEmbeddings.Face> all = LfwEmbeddings.read(LfwEmbeddings.CACHE);
        List<String> frequent = Files.readAllLines(lfw.resolve("cluster-identities.txt")).stream().map(String::strip)
                .filter(s -> !s.isEmpty()).sorted().toList();
        Map<String, List<float[]>> byPerson = new LinkedHashMap<>();
        for (LfwEmbeddings.Face f : all) {
            byPerson.computeIfAbsent(f.person(), p -> new ArrayList<>()).add(f.vector());
        }
        double[] ladder = {0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70};
        for (int m : new int[] {1, 3, 5, 10}) {
            for (int h = 0; h < 2; h++) {
                long[] imp = new long[ladder.length];
                long[] gen = new long[ladder.length];
                long impN = 0;
                long genN = 0;
                for (int pi = h; pi < frequent.size(); pi += 2) {
                    String p = frequent.get(pi);
                    List<float[]> faces = byPerson.get(p);
                    if (faces == null || faces.size() <= m) {
                        continue;
                    }
                    List<float[]> gallery = faces.subList(0, m);
                    for (float[] probe : faces.subList(m, faces.size())) {
                        double s = PersonMatcher.score(gallery, probe);
                        genN++;
                        for (int k = 0; k < ladder.length; k++) {
                            if (s >= ladder[k]) {
                                gen[k]++;
                            }
                        }
                    }
                    for (Map.Entry<String, List<float[]>> e : byPerson.entrySet()) {
                        if (e.getKey().equals(p)) {
                            continue;
                        }
                        for (float[] probe : e.getValue()) {
                            double s = PersonMatcher.score(gallery, probe);
                            impN++;
                            for (int k = 0; k < ladder.length; k++) {
                                if (s >= ladder[k]) {
                                    imp[k]++;
                                }
                            }
                        }
                    }
                }
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                        "gallery %2d half %s (%d impostor, %d genuine):", m, "AB".charAt(h), impN, genN));
                for (int k = 0; k < ladder.length; k++) {
                    sb.append(String.format(Locale.ROOT, "  %.2f: FMR %.1e TMR %.3f", ladder[k],
                            (double) imp[k] / impN, (double) gen[k] / genN));
                }
                System.out.println(sb);
            }
        }
    }
}
