package kindred.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import kindred.library.FaceAnalyzer;
import kindred.library.eval.ClusterEvaluator;
import kindred.library.eval.ClusterScores;
import kindred.library.eval.DetectionEvaluator;
import kindred.library.eval.DetectionResult;
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
            "Faces at least 32 px tall and not marked invalid count; a detection finds a face at IoU >= 0.5."})
    static final class Detect implements Callable<Integer> {
        @ParentCommand
        EvalCommand eval;

        @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder the ground-truth paths are relative to.")
        Path images;

        @Option(names = "--wider-gt", required = true, paramLabel = "FILE", description = "WIDER FACE ground-truth file.")
        Path groundTruth;

        @Override
        public Integer call() throws Exception {
            KindredCommand root = eval.root;
            try (FaceAnalyzer analyzer = root.services().vision().newAnalyzer()) {
                DetectionResult r = new DetectionEvaluator(analyzer).evaluate(images, groundTruth, 0.0);
                double threshold = analyzer.operatingScore();
                Output o = root.output();
                if (o.json()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("images", r.images());
                    m.put("faces", r.faces());
                    m.put("recall", Output.round(r.recall(), 4));
                    m.put("precision", Output.round(r.precision(), 4));
                    m.put("false_positives_per_image", Output.round(r.falsePositivesPerImage(), 4));
                    m.put("threshold", threshold);
                    m.put("detector", analyzer.detectorId());
                    m.put("model_pack", root.services().vision().activePack());
                    o.json(m);
                } else {
                    o.line("Detector %s (pack %s), threshold %.2f", analyzer.detectorId(), root.services().vision().activePack(), threshold);
                    o.line("%d photos, %d faces: recall %.3f, precision %.3f, %.3f false positives per photo",
                            r.images(), r.faces(), r.recall(), r.precision(), r.falsePositivesPerImage());
                }
            }
            return 0;
        }
    }

    @Command(name = "verify", description = {"Measures face verification on the LFW protocol.",
            "Pairs file in the LFW format, images as DIR/Name/Name_NNNN.jpg. 10-fold accuracy when the file has folds, "
                    + "else accuracy at the product's threshold."})
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        EvalCommand eval;

        @Option(names = "--images", required = true, paramLabel = "DIR", description = "LFW images folder.")
        Path images;

        @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "LFW pairs file.")
        Path pairs;

        @Override
        public Integer call() throws Exception {
            KindredCommand root = eval.root;
            try (FaceAnalyzer analyzer = root.services().vision().newAnalyzer()) {
                VerificationResult r = new VerificationEvaluator(analyzer).evaluate(images, pairs);
                Output o = root.output();
                if (o.json()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("pairs", r.pairs());
                    m.put("accuracy", Output.round(r.accuracy(), 4));
                    m.put("threshold", Output.round(r.threshold(), 4));
                    m.put("tar_at_far_0_001", Output.round(r.tarAtFar0001(), 4));
                    m.put("faces_not_found", r.facesNotFound());
                    m.put("embedder", analyzer.embedderId());
                    o.json(m);
                } else {
                    o.line("Embedder %s: %d pairs, accuracy %.2f %% at cosine %.3f, TAR %.2f %% at FAR 0.1 %% (%d photos without a face)",
                            analyzer.embedderId(), r.pairs(), 100 * r.accuracy(), r.threshold(), 100 * r.tarAtFar0001(), r.facesNotFound());
                }
            }
            return 0;
        }
    }

    @Command(name = "cluster", description = {"Measures clustering on a folder with one subfolder per identity.",
            "Clusters every face with the product's own clustering and scores it (BCubed and pairwise precision, "
                    + "recall, F)."})
    static final class Cluster implements Callable<Integer> {
        @ParentCommand
        EvalCommand eval;

        @Option(names = "--images", required = true, paramLabel = "DIR", description = "One subfolder of photos per identity.")
        Path images;

        @Option(names = "--identities", paramLabel = "FILE", description = "Only these identities (one subfolder name per line).")
        Path identities;

        @Override
        public Integer call() throws Exception {
            KindredCommand root = eval.root;
            var vision = root.services().vision();
            ClusterScores r = new ClusterEvaluator(vision::newAnalyzer, Runtime.getRuntime().availableProcessors())
                    .evaluate(images, identities);
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
                o.json(m);
            } else {
                o.line("%s of %s in %s", kindred.library.Counted.of(r.items(), "face"), kindred.library.Counted.of(r.identities(), "identity", "identities"),
                        kindred.library.Counted.of(r.clusters(), "cluster"));
                o.line("BCubed   precision %.4f  recall %.4f  F %.4f", r.bcubedPrecision(), r.bcubedRecall(), r.bcubedF());
                o.line("pairwise precision %.4f  recall %.4f  F %.4f", r.pairwisePrecision(), r.pairwiseRecall(), r.pairwiseF());
            }
            return 0;
        }
    }
}
