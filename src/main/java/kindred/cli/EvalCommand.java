package kindred.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import kindred.library.FaceAnalyzer;
import kindred.library.eval.ClusterEvaluator;
import kindred.library.eval.ClusterScores;
import kindred.library.eval.DetectionEvaluator;
import kindred.library.eval.DetectionResult;
import kindred.library.eval.EvalHalf;
import kindred.library.eval.GroupRates;
import kindred.library.eval.GroupedClusterScores;
import kindred.library.eval.GroupedVerification;
import kindred.library.eval.ImageGroups;
import kindred.library.eval.PairScore;
import kindred.library.eval.ThresholdChoice;
import kindred.library.eval.VerificationEvaluator;
import kindred.library.eval.VerificationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "eval", description = "Measures the product's accuracy on public benchmarks, with the active model pack.",
        subcommands = {EvalCommand.Detect.class, EvalCommand.Verify.class, EvalCommand.Cluster.class})
final class EvalCommand {

    @ParentCommand
    KindredCommand root;

    @Command(name = "detect", description = {"Measures face detection on photos annotated in the WIDER FACE format.",
            "Faces at least 32 px tall and not marked invalid count; a detection finds a face at IoU >= 0.5. Besides the "
                    + "totals, recall is given per event (the photo's first folder), per face height (32-64, 64-128 and "
                    + "128+ px) and per WIDER occlusion, pose and blur label, with the false detections per event and per height.",
            "--half runs on one half of the photos, split by a hash of each file name: operating points are chosen on "
                    + "the choose half and reported on the report half."})
    static final class Detect implements Callable<Integer> {
        @ParentCommand
        EvalCommand eval;

        /** {@code --half}: the photos to run on ({@link EvalHalf}). */
        enum Half {
            all(EvalHalf.ALL), choose(EvalHalf.CHOOSE), report(EvalHalf.REPORT);

            final EvalHalf half;

            Half(EvalHalf half) {
                this.half = half;
            }
        }

        @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder the ground-truth paths are relative to.")
        Path images;

        @Option(names = "--wider-gt", required = true, paramLabel = "FILE", description = "WIDER FACE ground-truth file.")
        Path groundTruth;

        @Option(names = "--half", paramLabel = "all|choose|report", defaultValue = "all",
                description = "all (default): every photo; choose: the half thresholds are chosen on; report: the held-out half "
                        + "results are reported on.")
        Half half;

        @Option(names = "--choose", paramLabel = "BUDGET",
                description = "Chooses the operating threshold on these photos instead of using the pack's: the lowest score "
                        + "(in steps of 0.01) at which the false detections per photo, at the 95th percentile of 2,000 "
                        + "resamplings of the photos, stay within BUDGET (e.g. 0.10). The figures are then given at it.")
        Double choose;

        /** The lowest score the detector is run at to choose a threshold ({@code --choose}). */
        static final double CHOOSE_FLOOR = 0.3;

        @Override
        public Integer call() throws Exception {
            KindredCommand root = eval.root;
            try (FaceAnalyzer analyzer = choose == null ? root.services().models().newAnalyzer()
                    : root.services().models().newAnalyzer(CHOOSE_FLOOR)) {
                DetectionEvaluator.Detections found = new DetectionEvaluator(analyzer).detect(images, groundTruth, half.half);
                ThresholdChoice choice = choose == null ? null : found.choose(choose, CHOOSE_FLOOR);
                double threshold = choice == null ? analyzer.operatingScore() : choice.threshold();
                DetectionResult r = found.score(choice == null ? 0.0 : threshold);
                Output o = root.output();
                if (o.json()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("half", half.name());
                    m.put("images", r.images());
                    m.put("faces", r.faces());
                    m.put("recall", Output.round(r.recall(), 4));
                    m.put("precision", Output.round(r.precision(), 4));
                    m.put("false_positives_per_image", Output.round(r.falsePositivesPerImage(), 4));
                    m.put("threshold", threshold);
                    if (choice != null) {
                        m.put("chosen", true);
                        m.put("budget", choice.budget());
                        m.put("false_positives_per_image_q95", Output.round(choice.falsePerPhotoQ95(), 4));
                    }
                    m.put("detector", analyzer.detectorId());
                    m.put("model_pack", root.services().models().activePack());
                    for (DetectionResult.Breakdown b : r.breakdowns()) {
                        m.put("by_" + b.by(), b.slices().stream().map(Detect::json).toList());
                    }
                    o.json(m);
                } else {
                    o.line("Detector %s (pack %s), threshold %s, photos: %s", analyzer.detectorId(), root.services().models().activePack(),
                            java.math.BigDecimal.valueOf(threshold).stripTrailingZeros().toPlainString(), half.name());
                    if (choice != null) {
                        o.line("Threshold chosen on these photos: the lowest whose false detections per photo stay within %.2f "
                                + "at the 95th percentile of %,d resamplings of the photos (%.3f there)", choice.budget(),
                                ThresholdChoice.RESAMPLES, choice.falsePerPhotoQ95());
                    }
                    o.line("%d photos, %d faces: recall %.3f, precision %.3f, %.3f false positives per photo",
                            r.images(), r.faces(), r.recall(), r.precision(), r.falsePositivesPerImage());
                    for (DetectionResult.Breakdown b : r.breakdowns()) {
                        text(o, b);
                    }
                }
            }
            return 0;
        }

        private static Map<String, Object> json(DetectionResult.Slice s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("images", s.images());
            m.put("faces", s.faces());
            m.put("found", s.found());
            m.put("recall", Verify.round(s.recall()));
            m.put("false_positives", s.falsePositives());
            m.put("false_positives_per_image", Verify.round(s.falsePositivesPerImage()));
            return m;
        }

        private static final Map<String, String> HEADINGS = Map.of("event", "By event:", "size", "By face height, px "
                + "(a false detection counts at its own height):", "occlusion", "By occlusion:", "pose", "By pose:", "blur", "By blur:");

        private static void text(Output o, DetectionResult.Breakdown b) {
            o.line("");
            o.line("%s", HEADINGS.getOrDefault(b.by(), "By " + b.by() + ":"));
            o.line("  %-22s %6s %6s %6s %8s  %s", "", "photos", "faces", "found", "recall", "false per photo");
            for (DetectionResult.Slice s : b.slices()) {
                o.line("  %-22s %6d %6d %6d %8s  %s", s.name(), s.images(), s.faces(), s.found(),
                        s.recall() == null ? "-" : String.format(Locale.ROOT, "%.3f", s.recall()),
                        s.falsePositivesPerImage() == null ? "-"
                                : String.format(Locale.ROOT, "%.3f (%d)", s.falsePositivesPerImage(), s.falsePositives()));
            }
        }
    }

    @Command(name = "verify", description = {"Measures face verification on the LFW protocol.",
            "Pairs file in the LFW format, images as DIR/Name/Name_NNNN.jpg. 10-fold accuracy when the file has folds, "
                    + "else accuracy at the product's threshold.",
            "With --groups, also per group and across groups: accuracy, false match and false non-match rates at the "
                    + "score the product suggests a face at, and TAR at FAR 0.1 %%."})
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        EvalCommand eval;

        @Option(names = "--images", required = true, paramLabel = "DIR", description = "LFW images folder.")
        Path images;

        @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "LFW pairs file.")
        Path pairs;

        @Option(names = "--groups", paramLabel = "FILE", description = "A group per image: `image<TAB>group` lines (image by file "
                + "name), `#` comments. Pairs with an image not listed are counted apart.")
        Path groups;

        @Option(names = "--scores", paramLabel = "FILE", description = "Also writes every pair's score to FILE (tab-separated: "
                + "image1, image2, same, face found in both, cosine).")
        Path scores;

        @Override
        public Integer call() throws Exception {
            KindredCommand root = eval.root;
            ImageGroups labels = groups == null ? null : ImageGroups.read(groups);
            try (FaceAnalyzer analyzer = root.services().models().newAnalyzer()) {
                VerificationEvaluator evaluator = new VerificationEvaluator(analyzer);
                VerificationEvaluator.ScoredPairs scored = evaluator.scorePairs(images, pairs);
                VerificationResult r = evaluator.evaluate(scored);
                GroupedVerification byGroup = labels == null ? null
                        : GroupedVerification.atSuggestionThreshold(scored.pairs(), labels);
                if (scores != null) {
                    writeScores(scored, scores);
                }
                Output o = root.output();
                if (o.json()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("pairs", r.pairs());
                    m.put("accuracy", Output.round(r.accuracy(), 4));
                    m.put("threshold", Output.round(r.threshold(), 4));
                    m.put("tar_at_far_0_001", Output.round(r.tarAtFar0001(), 4));
                    m.put("faces_not_found", r.facesNotFound());
                    m.put("embedder", analyzer.embedderId());
                    m.put("model_pack", root.services().models().activePack());
                    if (byGroup != null) {
                        m.put("suggestion_threshold", byGroup.threshold());
                        m.put("groups", byGroup.groups().stream().map(Verify::json).toList());
                        m.put("cross_group", json(byGroup.crossGroup()));
                        m.put("unlabelled", json(byGroup.unlabelled()));
                    }
                    o.json(m);
                } else {
                    o.line("Embedder %s: %d pairs, accuracy %.2f %% at cosine %.3f, TAR %.2f %% at FAR 0.1 %% (%d photos without a face)",
                            analyzer.embedderId(), r.pairs(), 100 * r.accuracy(), r.threshold(), 100 * r.tarAtFar0001(), r.facesNotFound());
                    if (byGroup != null) {
                        text(o, byGroup);
                    }
                }
            }
            return 0;
        }

        private static Map<String, Object> json(GroupRates g) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", g.group());
            m.put("pairs", g.pairs());
            m.put("accuracy", round(g.accuracy()));
            m.put("false_match_rate", round(g.falseMatchRate()));
            m.put("false_non_match_rate", round(g.falseNonMatchRate()));
            m.put("tar_at_far_0_001", round(g.tarAtFar0001()));
            m.put("same_pairs", g.samePairs());
            m.put("different_pairs", g.differentPairs());
            m.put("false_matches", g.falseMatches());
            m.put("false_non_matches", g.falseNonMatches());
            m.put("tar_far_achievable", g.tarFarAchievable() == null ? null : Output.round(g.tarFarAchievable(), 6));
            return m;
        }

        private static Double round(Double v) {
            return v == null ? null : Output.round(v, 4);
        }

        private static void text(Output o, GroupedVerification v) {
            o.line("");
            o.line("By group, at the score the product suggests a face at (%.2f; a pair scored at or above it is taken for one person):",
                    v.threshold());
            o.line("%-14s %6s %5s %5s  %-9s  %-22s  %-22s  %s", "group", "pairs", "same", "diff", "accuracy",
                    "false match rate", "false non-match rate", "TAR at FAR 0.1 %");
            List<GroupRates> rows = new ArrayList<>(v.groups());
            rows.add(v.crossGroup());
            for (GroupRates g : rows) {
                o.line("%-14s %6d %5d %5d  %-9s  %-22s  %-22s  %s", g.group(), g.pairs(), g.samePairs(), g.differentPairs(),
                        percent(g.accuracy()), rate(g.falseMatches(), g.differentPairs()),
                        rate(g.falseNonMatches(), g.samePairs()), tar(g));
            }
            o.line("%d pairs have an image the groups file does not list; they are in none of these rows.", v.unlabelled().pairs());
            for (GroupRates g : rows) {
                if (g.tarAtFar0001() != null && g.tooFewImpostorsForFar()) {
                    o.line("%s: only %d different-person pairs, too few for FAR 0.1 %% (%d needed): its TAR is at the strictest "
                                    + "threshold no different pair passes, FAR < 1/%d = %.2f %%.", g.group(), g.differentPairs(),
                            GroupedVerification.MIN_IMPOSTORS_FOR_FAR, g.differentPairs(), 100 * g.tarFarAchievable());
                }
            }
        }

        private static String percent(Double v) {
            return v == null ? "not measured" : String.format(Locale.ROOT, "%.2f %%", 100 * v);
        }

        private static String rate(int count, int of) {
            return of == 0 ? "not measured" : String.format(Locale.ROOT, "%.2f %% (%d/%d)", 100.0 * count / of, count, of);
        }

        private static String tar(GroupRates g) {
            if (g.tarAtFar0001() == null) {
                return "not measured";
            }
            return g.tooFewImpostorsForFar()
                    ? String.format(Locale.ROOT, "%.2f %% at FAR < %.2f %%", 100 * g.tarAtFar0001(), 100 * g.tarFarAchievable())
                    : String.format(Locale.ROOT, "%.2f %%", 100 * g.tarAtFar0001());
        }

        private static void writeScores(VerificationEvaluator.ScoredPairs scored, Path file) throws java.io.IOException {
            List<String> lines = new ArrayList<>();
            lines.add("# image1\timage2\tsame\tjudged\tscore (cosine; -1 when a face was not found)");
            for (PairScore p : scored.pairs()) {
                lines.add(p.image1() + "\t" + p.image2() + "\t" + (p.same() ? 1 : 0) + "\t" + (p.judged() ? 1 : 0) + "\t"
                        + String.format(Locale.ROOT, "%.6f", p.score()));
            }
            Files.write(file, lines, StandardCharsets.UTF_8);
        }
    }

    @Command(name = "cluster", description = {"Measures clustering on a folder with one subfolder per identity.",
            "Clusters every face with the product's own clustering and scores it (BCubed and pairwise precision, "
                    + "recall, F).",
            "With --groups, also BCubed precision and recall per group."})
    static final class Cluster implements Callable<Integer> {
        @ParentCommand
        EvalCommand eval;

        @Option(names = "--images", required = true, paramLabel = "DIR", description = "One subfolder of photos per identity.")
        Path images;

        @Option(names = "--identities", paramLabel = "FILE", description = "Only these identities (one subfolder name per line).")
        Path identities;

        @Option(names = "--groups", paramLabel = "FILE", description = "A group per image: `image<TAB>group` lines (image by file "
                + "name), `#` comments. Faces of images not listed are counted apart.")
        Path groups;

        @Override
        public Integer call() throws Exception {
            KindredCommand root = eval.root;
            ImageGroups labels = groups == null ? null : ImageGroups.read(groups);
            var vision = root.services().models();
            ClusterEvaluator.Clustering c = new ClusterEvaluator(vision::newAnalyzer, Runtime.getRuntime().availableProcessors())
                    .cluster(images, identities);
            ClusterScores r = ClusterScores.of(c.truth(), c.predicted());
            GroupedClusterScores byGroup = labels == null ? null : GroupedClusterScores.of(c, labels);
            Output o = root.output();
            if (o.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("faces", r.items());
                m.put("identities", r.identities());
                m.put("clusters", r.clusters());
                m.put("bcubed_precision", Output.round(r.bcubedPrecision(), 4));
                m.put("bcubed_recall", Output.round(r.bcubedRecall(), 4));
                m.put("bcubed_f", Output.round(r.bcubedF(), 4));
                m.put("pairwise_precision", Output.round(r.pairwisePrecision(), 4));
                m.put("pairwise_recall", Output.round(r.pairwiseRecall(), 4));
                m.put("pairwise_f", Output.round(r.pairwiseF(), 4));
                if (byGroup != null) {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (GroupedClusterScores.Group g : byGroup.groups()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("group", g.group());
                        row.put("faces", g.faces());
                        row.put("bcubed_precision", Verify.round(g.precision()));
                        row.put("bcubed_recall", Verify.round(g.recall()));
                        rows.add(row);
                    }
                    m.put("groups", rows);
                    m.put("unlabelled_faces", byGroup.unlabelledFaces());
                }
                o.json(m);
            } else {
                o.line("%s of %s in %s", kindred.library.Counted.of(r.items(), "face"), kindred.library.Counted.of(r.identities(), "identity", "identities"),
                        kindred.library.Counted.of(r.clusters(), "cluster"));
                o.line("BCubed   precision %.4f  recall %.4f  F %.4f", r.bcubedPrecision(), r.bcubedRecall(), r.bcubedF());
                o.line("pairwise precision %.4f  recall %.4f  F %.4f", r.pairwisePrecision(), r.pairwiseRecall(), r.pairwiseF());
                if (byGroup != null) {
                    o.line("");
                    o.line("%-14s %6s  %-16s  %s", "group", "faces", "BCubed precision", "BCubed recall");
                    for (GroupedClusterScores.Group g : byGroup.groups()) {
                        o.line("%-14s %6d  %-16s  %s", g.group(), g.faces(), four(g.precision()), four(g.recall()));
                    }
                    o.line("%d faces have an image the groups file does not list; they are in none of these rows.",
                            byGroup.unlabelledFaces());
                }
            }
            return 0;
        }

        private static String four(Double v) {
            return v == null ? "not measured" : String.format(Locale.ROOT, "%.4f", v);
        }
    }
}
