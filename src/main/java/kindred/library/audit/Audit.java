package kindred.library.audit;

import kindred.library.Decision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kindred.library.PeopleService.PersonSummary;
import kindred.library.PeopleStore;
import kindred.library.audit.AuditReport.Benchmark;
import kindred.library.audit.AuditReport.PersonAudit;
import kindred.library.audit.AuditReport.TwiceConfirmed;

/**
 * The audit use case: how precise the suggestions have been on the user's own decisions (the {@code decisions}
 * history), per person and overall. Read-only; thread-safe.
 *
 * <p>Counting rules. A decision is about a suggestion when the face was, just before, an automatic unconfirmed
 * assignment to a person P. It counts as accepted when the user confirmed it as P (confirm, or named it P); as
 * rejected when the user said it is not P, or named it someone else. Ignoring a suggested face ("not a face worth
 * naming") counts as neither. People merged later count as the person they were merged into.
 */
public final class Audit {

    /** A person needs at least this many decided suggestions before their precision is called low. */
    public static final int OFTEN_REJECTED_MIN_DECISIONS = 5;

    /** Below this precision (with enough decisions) a person's suggestions are "often rejected". */
    public static final double OFTEN_REJECTED_PRECISION = 0.7;

    /**
     * Public-benchmark accuracy of each model pack, from docs/decisions/0002-vision-pipeline.md: LFW pairsDevTest
     * (1,000 pairs: 500 same person, 500 different), threshold 0.38 chosen on pairsDevTrain. Measured again with
     * {@code kindred eval verify} after the detection thresholds of docs/decisions/0012-detection.md (round 2): the
     * built-in pack's 0.661 finds no face in 2 of the 2,000 photos (1 before), one pair less right.
     */
    static final Map<String, Benchmark> BENCHMARKS = Map.of(
            "default", new Benchmark("default", "LFW pairsDevTest", 0.9860, "2026-12-06", "cosine 0.38",
                    "BlazeFace + MobileFaceNet; docs/decisions/0002-vision-pipeline.md"),
            "yunet", new Benchmark("yunet", "LFW pairsDevTest", 0.9910, "2026-12-06", "cosine 0.38",
                    "YuNet + MobileFaceNet; docs/decisions/0002-vision-pipeline.md"));

    private final PeopleStore store;

    public Audit(PeopleStore store) {
        this.store = store;
    }

    /** @param activePack the model pack in use ("default" or "yunet"), for the benchmark line */
    public AuditReport report(String activePack) {
        List<Decision> decisions = store.decisions();
        List<PersonSummary> people = store.people(true);
        Map<Long, String> names = new HashMap<>();
        Map<Long, Integer> confirmed = new HashMap<>();
        for (PersonSummary p : people) {
            names.put(p.id(), p.name());
            confirmed.put(p.id(), p.faces());
        }
        Map<Long, Long> mergedInto = new HashMap<>();
        for (Decision d : decisions) {
            if ("merge".equals(d.action()) && d.subjectPersonId() != null && d.personAfter() != null) {
                mergedInto.put(d.subjectPersonId(), d.personAfter());
            }
        }
        Map<Long, int[]> counts = new LinkedHashMap<>(); // person → {accepted, rejected}
        Map<Long, Set<Long>> confused = new HashMap<>();
        Map<Long, List<Long>> confirmedAs = new LinkedHashMap<>();
        int accepted = 0;
        int rejected = 0;
        for (Decision d : decisions) {
            if (d.faceId() == null) {
                continue;
            }
            Long before = resolve(d.personBefore(), mergedInto);
            Long after = resolve(d.personAfter(), mergedInto);
            Long subject = resolve(d.subjectPersonId(), mergedInto);
            if ("confirmed".equals(d.stateBefore()) && before != null) {
                addPerson(confirmedAs, d.faceId(), before);
            }
            if ("confirmed".equals(d.stateAfter()) && after != null) {
                addPerson(confirmedAs, d.faceId(), after);
            }
            if (!d.onSuggestion()) {
                continue;
            }
            boolean acceptedIt = "confirmed".equals(d.stateAfter()) && before.equals(after);
            boolean rejectedIt = ("reject".equals(d.action()) && before.equals(subject))
                    || ("name".equals(d.action()) && after != null && !after.equals(before));
            if (acceptedIt) {
                accepted++;
                counts.computeIfAbsent(before, k -> new int[2])[0]++;
            } else if (rejectedIt) {
                rejected++;
                counts.computeIfAbsent(before, k -> new int[2])[1]++;
                if ("name".equals(d.action())) {
                    confused.computeIfAbsent(before, k -> new TreeSet<>()).add(after);
                    confused.computeIfAbsent(after, k -> new TreeSet<>()).add(before);
                }
            }
        }
        List<PersonAudit> perPerson = new ArrayList<>();
        for (PersonSummary p : people) {
            int[] c = counts.getOrDefault(p.id(), new int[2]);
            int decided = c[0] + c[1];
            Double precision = decided == 0 ? null : (double) c[0] / decided;
            boolean often = decided >= OFTEN_REJECTED_MIN_DECISIONS && precision < OFTEN_REJECTED_PRECISION;
            List<String> with = new ArrayList<>();
            for (long other : confused.getOrDefault(p.id(), Set.of())) {
                if (other != p.id() && names.containsKey(other)) {
                    with.add(names.get(other));
                }
            }
            perPerson.add(new PersonAudit(p.id(), p.name(), p.faces(), c[0], c[1], precision, often, with));
        }
        perPerson.sort(Comparator.comparingInt((PersonAudit a) -> -(a.suggestionsAccepted() + a.suggestionsRejected()))
                .thenComparing(PersonAudit::name, String.CASE_INSENSITIVE_ORDER));
        List<TwiceConfirmed> twice = new ArrayList<>();
        confirmedAs.forEach((face, persons) -> {
            if (persons.size() >= 2) {
                twice.add(new TwiceConfirmed(face, persons.stream().map(id -> names.getOrDefault(id, "(a person no longer in the library)")).toList()));
            }
        });
        int total = confirmed.values().stream().mapToInt(Integer::intValue).sum();
        int decided = accepted + rejected;
        return new AuditReport(total, accepted, rejected, decided == 0 ? null : (double) accepted / decided, perPerson, twice,
                BENCHMARKS.get(activePack), GroupBenchmarks.BY_PACK.get(activePack));
    }

    private static void addPerson(Map<Long, List<Long>> confirmedAs, long face, long person) {
        List<Long> list = confirmedAs.computeIfAbsent(face, k -> new ArrayList<>());
        if (list.isEmpty() || list.get(list.size() - 1) != person) {
            list.remove(Long.valueOf(person));
            list.add(person);
        }
    }

    private static Long resolve(Long person, Map<Long, Long> mergedInto) {
        Long p = person;
        Set<Long> seen = new LinkedHashSet<>();
        while (p != null && mergedInto.containsKey(p) && seen.add(p)) {
            p = mergedInto.get(p);
        }
        return p;
    }
}
