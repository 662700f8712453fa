package kindred.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kindred.application.Kindred;
import kindred.library.TrustStore;
import kindred.library.audit.AuditReport;
import kindred.library.audit.AuditReport.PersonAudit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Backups, restore, the privacy log, the audit and "export my data": thin wrappers over the trust use cases. */
final class TrustCommands {

    private TrustCommands() {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Command(name = "backup", description = {"Copies the library (a consistent snapshot, even while in use) into the library's "
            + "backups/ folder.", "Kindred also makes one before every upgrade of the library. --list lists the backups."})
    static final class Backup implements Callable<Integer> {
        @ParentCommand
        KindredCommand root;

        @Option(names = "--list", description = "List the backups instead of making one.")
        boolean list;

        @Override
        public Integer call() {
            TrustStore t = root.services().trust();
            Output o = root.output();
            if (list) {
                List<Path> all = t.backups();
                if (o.json()) {
                    o.json(all.stream().map(Path::toString).toList());
                } else {
                    all.forEach(p -> o.line("%s", p));
                    o.line("%d backup(s)", all.size());
                }
                return 0;
            }
            Path b = t.backup("on-request");
            if (o.json()) {
                o.json(Map.of("backup", b.toString()));
            } else {
                o.line("Backed up the library to %s", b);
                o.line("Restore it with: kindred restore %s", b);
            }
            return 0;
        }
    }

    @Command(name = "restore", description = {"Replaces the library with a backup, after checking the backup is sound (PRAGMA integrity_check).",
            "The library as it was is kept as another backup first. Close the window first."})
    static final class Restore implements Callable<Integer> {
        @ParentCommand
        KindredCommand root;

        @Parameters(paramLabel = "FILE", description = "A backup (`kindred backup --list`).")
        Path file;

        @Override
        public Integer call() {
            TrustStore.RestoreResult r = root.services().restore(file.toAbsolutePath());
            Output o = root.output();
            if (o.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("restored_from", r.restoredFrom().toString());
                m.put("previous_kept_as", r.previousKeptAs() == null ? null : r.previousKeptAs().toString());
                o.json(m);
            } else {
                o.line("Restored the library from %s.", r.restoredFrom());
                if (r.previousKeptAs() != null) {
                    o.line("The library as it was is kept in %s.", r.previousKeptAs());
                }
            }
            return 0;
        }
    }

    @Command(name = "log", description = "The privacy log: when people were forgotten, backups made and restored, data exported.")
    static final class Log implements Callable<Integer> {
        @ParentCommand
        KindredCommand root;

        @Override
        public Integer call() {
            List<TrustStore.PrivacyEvent> events = root.services().trust().privacyLog();
            Output o = root.output();
            if (o.json()) {
                o.json(events.stream().map(e -> Map.of("at", Instant.ofEpochMilli(e.at()).toString(), "event", e.event(),
                        "detail", e.detail())).toList());
            } else {
                for (TrustStore.PrivacyEvent e : events) {
                    o.line("%s  %-8s %s", WHEN.format(Instant.ofEpochMilli(e.at())), e.event(), e.detail());
                }
                if (events.isEmpty()) {
                    o.line("Nothing recorded yet.");
                }
            }
            return 0;
        }
    }

    @Command(name = "audit", description = {"How well recognition is doing on this library, from your own confirmations and rejections.",
            "Per person and overall, with the model pack's measured accuracy on a public benchmark."})
    static final class Audit implements Callable<Integer> {
        @ParentCommand
        KindredCommand root;

        @Override
        public Integer call() {
            AuditReport r = root.services().audit();
            Output o = root.output();
            if (o.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("confirmed_faces", r.confirmedFaces());
                m.put("suggestions_accepted", r.suggestionsAccepted());
                m.put("suggestions_rejected", r.suggestionsRejected());
                m.put("suggestion_precision", round(r.suggestionPrecision()));
                List<Map<String, Object>> people = new ArrayList<>();
                for (PersonAudit p : r.people()) {
                    Map<String, Object> pm = new LinkedHashMap<>();
                    pm.put("name", p.name());
                    pm.put("confirmed_faces", p.confirmedFaces());
                    pm.put("suggestions_accepted", p.suggestionsAccepted());
                    pm.put("suggestions_rejected", p.suggestionsRejected());
                    pm.put("suggestion_precision", round(p.suggestionPrecision()));
                    pm.put("often_rejected", p.oftenRejected());
                    pm.put("confused_with", p.confusedWith());
                    people.add(pm);
                }
                m.put("people", people);
                m.put("faces_confirmed_for_two_people", r.facesConfirmedForTwoPeople().stream()
                        .map(t -> Map.of("face", t.faceId(), "people", t.people())).toList());
                if (r.benchmark() != null) {
                    Map<String, Object> b = new LinkedHashMap<>();
                    b.put("pack", r.benchmark().pack());
                    b.put("dataset", r.benchmark().dataset());
                    b.put("accuracy", r.benchmark().accuracy());
                    b.put("measured_on", r.benchmark().measuredOn());
                    b.put("threshold", r.benchmark().threshold());
                    b.put("source", r.benchmark().source());
                    m.put("benchmark", b);
                }
                if (r.benchmarkByGroup() != null) {
                    var g = r.benchmarkByGroup();
                    Map<String, Object> b = new LinkedHashMap<>();
                    b.put("pack", g.pack());
                    b.put("dataset", g.dataset());
                    b.put("labels", g.labels());
                    b.put("measured_on", g.measuredOn());
                    b.put("suggestion_threshold", g.threshold());
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (var row : g.groups()) {
                        rows.add(groupJson(row));
                    }
                    b.put("groups", rows);
                    b.put("cross_group", groupJson(g.crossGroup()));
                    m.put("benchmark_by_group", b);
                }
                m.put("explanation", r.plainWords());
                o.json(m);
            } else {
                if (!r.people().isEmpty()) {
                    o.line("%-30s %9s %9s %9s %10s", "person", "confirmed", "accepted", "rejected", "precision");
                    for (PersonAudit p : r.people()) {
                        o.line("%-30s %9d %9d %9d %10s%s", p.name(), p.confirmedFaces(), p.suggestionsAccepted(),
                                p.suggestionsRejected(), percent(p.suggestionPrecision()), p.oftenRejected() ? "  often wrong" : "");
                    }
                    o.line("%-30s %9d %9d %9d %10s", "all", r.confirmedFaces(), r.suggestionsAccepted(), r.suggestionsRejected(),
                            percent(r.suggestionPrecision()));
                    o.line("");
                }
                r.plainWords().forEach(line -> o.line("%s", line));
                if (r.benchmarkByGroup() != null) {
                    r.benchmarkByGroup().plainWords().forEach(line -> o.line("%s", line));
                }
                o.line("%s", kindred.library.audit.GroupBenchmark.NOT_MEASURED);
                r.facesConfirmedForTwoPeople().forEach(t -> o.line("  face %d: %s", t.faceId(), String.join(" → ", t.people())));
            }
            return 0;
        }

        private static Map<String, Object> groupJson(kindred.library.eval.GroupRates g) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", g.group());
            m.put("pairs", g.pairs());
            m.put("accuracy", g.accuracy());
            m.put("false_match_rate", g.falseMatchRate());
            m.put("false_non_match_rate", g.falseNonMatchRate());
            m.put("tar_at_far_0_001", g.tarAtFar0001());
            m.put("same_pairs", g.samePairs());
            m.put("different_pairs", g.differentPairs());
            return m;
        }

        private static Double round(Double v) {
            return v == null ? null : Output.round(v, 4);
        }

        private static String percent(Double v) {
            return v == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f %%", 100 * v);
        }
    }

    @Command(name = "export-data", description = {"Writes everything Kindred stores about this library as one JSON file.",
            "Folders, photos, faces with their boxes, people, assignments, rejections, decisions, settings and the "
                    + "privacy log.",
            "Face embeddings (biometric vectors) only with --embeddings. The file is readable by you only."})
    static final class ExportData implements Callable<Integer> {
        @ParentCommand
        KindredCommand root;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "The JSON file to write (replaced if it exists).")
        Path out;

        @Option(names = "--embeddings", description = "Include the face embeddings (512 numbers per face).")
        boolean embeddings;

        @Override
        public Integer call() {
            Map<String, Integer> counts = root.services().trust().exportData(out, embeddings);
            Output o = root.output();
            if (o.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", out.toAbsolutePath().toString());
                m.put("embeddings_included", embeddings);
                m.put("rows", counts);
                o.json(m);
            } else {
                o.line("Wrote %s:", out.toAbsolutePath());
                counts.forEach((t, n) -> o.line("  %-20s %8d rows", t, n));
                if (!embeddings) {
                    o.line("Face embeddings were left out; add --embeddings to include them.");
                }
            }
            return 0;
        }
    }
}
