package kindred.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kindred.application.Kindred;
import kindred.library.Counted;
import kindred.library.people.People;
import kindred.library.PeopleService.PersonSuggestion;
import kindred.library.PeopleService.Rejection;
import kindred.library.PeopleService.Suggestion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Reviewing suggestions from the command line (issue 19): list them, confirm them, reject them, one by one or by
 * confidence. Thin: the use cases are {@link People#waitingSuggestions}, {@link People#confirm},
 * {@link People#confirmSuggestions}, {@link People#rejectAssigned} and {@link People#rejectSuggestions}, the ones the
 * window's Review page uses.
 */
final class SuggestionCommands {

    private SuggestionCommands() {
    }

    /**
     * The confidence {@code --one-in N} stands for: at least as sure as "1 in N chance that this is someone else", i.e. a
     * measured false-match rate of 1/N or less, which is a confidence of 1 - 1/N. The confidences of suggestions are
     * compressed into 0.998..0.999995 (every suggestion's false-match rate is below 1.7 in 1,000, the rate at
     * {@code PersonMatcher.SUGGEST_SCORE}), so a threshold is easier to say as N. The tolerance (one part in 10^9 of the
     * rate) keeps a suggestion exactly at a calibration point on the side the user asked for despite rounding.
     */
    static Double oneIn(CommandSpec spec, Long n, Double min) {
        if (n == null) {
            return min;
        }
        if (min != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--one-in and --min-confidence say the same thing; give one.");
        }
        if (n < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--one-in N takes a whole number of at least 1, not " + n + ".");
        }
        return Math.max(0, 1 - (1.0 / n) * (1 + 1e-9));
    }

    /**
     * The lowest confidence a suggestion can have (that of the score at which a face is suggested): a --min-confidence
     * below it selects every suggestion, which a user typing 0.9 does not expect.
     */
    static final double LOWEST_SUGGESTED_CONFIDENCE = 1 - kindred.clustering.PersonMatcher.falseMatchRate(
            kindred.clustering.PersonMatcher.SUGGEST_SCORE);

    /** Tells a user whose --min-confidence selects every suggestion how to say a stricter one. */
    static void noteLowThreshold(KindredCommand root, Double min) {
        if (min != null && min > 0 && min < LOWEST_SUGGESTED_CONFIDENCE && !root.output().json()) {
            root.err.printf(java.util.Locale.ROOT, "Note: every suggestion has a confidence of at least %.4f (1 minus the "
                    + "measured chance that it is someone else), so --min-confidence %s selects them all. Say it as a chance: "
                    + "--one-in 10000 keeps the suggestions with at most a 1 in 10,000 chance of being someone else.%n",
                    LOWEST_SUGGESTED_CONFIDENCE, min);
        }
    }

    /** A confidence given on the command line: 0 to 1, else bad usage (exit 2). */
    static double confidence(CommandSpec spec, String option, Double value, double otherwise) {
        if (value == null) {
            return otherwise;
        }
        if (!(value >= 0 && value <= 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " is a confidence from 0 to 1, not " + value + ".");
        }
        return value;
    }

    @Command(name = "suggestions", description = {"Lists the waiting suggestions, most confident first.",
            "A suggestion is a face Kindred matched to a named person that nobody has confirmed or rejected yet; "
                    + "`confirm` and `reject` decide on them."})
    static final class List_ implements Callable<Integer> {
        @ParentCommand
        KindredCommand root;

        @Spec
        CommandSpec spec;

        @Option(names = "--person", paramLabel = "NAME", description = "Only this person's suggestions (default: every person not hidden).")
        String person;

        @Option(names = "--min-confidence", paramLabel = "X",
                description = "Only suggestions with a confidence of at least X (0 to 1; what `confirm --min-confidence X` would confirm).")
        Double min;

        @Option(names = "--max-confidence", paramLabel = "X",
                description = "Only suggestions with a confidence below X (0 to 1; what `reject --max-confidence X` would reject).")
        Double max;

        @Option(names = "--one-in", paramLabel = "N",
                description = "Only suggestions with at most a 1 in N chance of being someone else (--min-confidence 1-1/N).")
        Long oneIn;

        @Override
        public Integer call() {
            min = oneIn(spec, oneIn, min);
            noteLowThreshold(root, min);
            double lo = confidence(spec, "--min-confidence", min, 0);
            double hi = confidence(spec, "--max-confidence", max, Double.POSITIVE_INFINITY);
            List<PersonSuggestion> waiting = root.services().people().waitingSuggestions(person, lo, hi);
            Output o = root.output();
            if (o.json()) {
                o.json(waiting.stream().map(ps -> {
                    Suggestion s = ps.suggestion();
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("face", s.face().id());
                    m.put("photo", s.face().photoPath());
                    m.put("person", ps.person());
                    m.put("confidence", s.confidence());
                    m.put("similarity", Output.round(s.similarity(), 4));
                    m.put("one_in", s.oneIn());
                    return m;
                }).toList());
            } else {
                if (!waiting.isEmpty()) {
                    o.line("%8s  %-10s  %-20s  %-24s  %s", "face", "confidence", "someone else", "person", "photo");
                }
                for (PersonSuggestion ps : waiting) {
                    Suggestion s = ps.suggestion();
                    o.line("%8d  %-10.6f  %-20s  %-24s  %s", s.face().id(), s.confidence(), String.format("1 in %,d", s.oneIn()),
                            ps.person(), s.face().photoPath());
                }
                o.line(waiting.isEmpty() ? "No suggestions waiting." : "%s waiting.", Counted.of(waiting.size(), "suggestion"));
            }
            return 0;
        }
    }

    @Command(name = "confirm", description = {"Confirms waiting suggestions: given faces, or all at or above X.",
            "With --min-confidence X, every waiting suggestion whose confidence is X or more is confirmed, of one person "
                    + "(--all-for NAME) or of everyone; `kindred suggestions --min-confidence X` lists them first."})
    static final class Confirm implements Callable<Integer> {
        @ParentCommand
        KindredCommand root;

        @Spec
        CommandSpec spec;

        @Option(names = "--face", paramLabel = "ID", arity = "1..*",
                description = "The faces whose suggestion is right (ids from `kindred suggestions`); several may follow, or repeat it.")
        List<Long> faces;

        @Option(names = "--min-confidence", paramLabel = "X",
                description = "Every waiting suggestion with a confidence of at least X (0 to 1).")
        Double min;

        @Option(names = "--all-for", paramLabel = "NAME",
                description = "With --min-confidence: only this person's suggestions (default: every person's but the hidden ones).")
        String allFor;

        @Option(names = "--one-in", paramLabel = "N",
                description = "Every waiting suggestion with at most a 1 in N chance of being someone else, as the window "
                        + "shows it (--min-confidence 1-1/N).")
        Long oneIn;

        @Override
        public Integer call() {
            min = oneIn(spec, oneIn, min);
            noteLowThreshold(root, min);
            if ((faces == null) == (min == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Say which suggestions to confirm: --face ID..., or --min-confidence X (with --all-for NAME for one person).");
            }
            if (faces != null && allFor != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--all-for goes with --min-confidence, not with --face.");
            }
            double lo = confidence(spec, "--min-confidence", min, 0);
            People p = root.services().people();
            int confirmed = (faces != null ? p.confirm(faces) : p.confirmSuggestions(allFor, lo)).result();
            Output o = root.output();
            if (o.json()) {
                o.json(Map.of("faces_confirmed", confirmed));
            } else {
                o.line("Confirmed %s.", Counted.of(confirmed, "face"));
                if (faces != null && confirmed < faces.size()) {
                    int skipped = faces.size() - confirmed;
                    o.line("%s not waiting (already decided, not suggested for anyone, or the person is already "
                            + "confirmed on another face of that photo).", Counted.of(skipped, "face was", "faces were"));
                }
            }
            return 0;
        }
    }

    /**
     * {@code reject}: "not this person". The face form ({@code --face ID [--person NAME]}) is the contract's; the bulk
     * form rejects the waiting suggestions in a band of confidence.
     */
    @Command(name = "reject", description = {"\"Not this person\" on suggestions, remembered forever.",
            "The face is never suggested for that person again.",
            "Either given faces (--face ID..., for the person each is assigned to, or for --person NAME), or every waiting "
                    + "suggestion below a confidence (--max-confidence X), of one person (--all-for NAME) or of everyone.",
            "`kindred suggestions --max-confidence X` lists what that would reject; `confirm --min-confidence X` and "
                    + "`reject --max-confidence X` with the same X never touch the same face."})
    static final class Reject implements Callable<Integer> {
        @ParentCommand
        KindredCommand root;

        @Spec
        CommandSpec spec;

        @Option(names = "--face", paramLabel = "ID", arity = "1..*",
                description = "The faces (ids from `kindred faces` or `kindred suggestions`); several may follow, or repeat it.")
        List<Long> faces;

        @Option(names = "--person", paramLabel = "NAME",
                description = "Who it is not (default: the person each face is suggested for); without --face, as --all-for.")
        String person;

        @Option(names = "--max-confidence", paramLabel = "X",
                description = "Every waiting suggestion with a confidence below X (0 to 1; X itself is kept).")
        Double max;

        @Option(names = "--min-confidence", paramLabel = "X",
                description = "Every waiting suggestion with a confidence of at least X (0 to 1); with --max-confidence, a band.")
        Double min;

        @Option(names = "--all-for", paramLabel = "NAME",
                description = "With a confidence: only this person's suggestions (default: every person's but the hidden ones).")
        String allFor;

        @Override
        public Integer call() {
            boolean bulk = min != null || max != null;
            if ((faces == null) == !bulk) {
                throw new CommandLine.ParameterException(spec.commandLine(), faces == null
                        ? "Say which suggestions to reject: --face ID..., or --max-confidence X (with --all-for NAME for one person)."
                        : "--face and a confidence do not go together: give faces, or a confidence.");
            }
            if (faces != null && allFor != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--all-for goes with a confidence, not with --face.");
            }
            if (bulk && person != null && allFor != null && !person.equalsIgnoreCase(allFor)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--person and --all-for name two people; give one.");
            }
            double lo = confidence(spec, "--min-confidence", min, 0);
            double hi = confidence(spec, "--max-confidence", max, Double.POSITIVE_INFINITY);
            People p = root.services().people();
            List<Rejection> rejected;
            if (bulk) {
                rejected = p.rejectSuggestions(allFor != null ? allFor : person, lo, hi).result();
            } else if (person != null) {
                rejected = new ArrayList<>();
                for (long f : faces) {
                    rejected.add(new Rejection(f, person));
                }
                p.reject(rejected); // one decision, undone at once by `kindred undo`
            } else {
                rejected = p.rejectAssigned(faces).result();
            }
            Output o = root.output();
            boolean oneFace = !bulk && rejected.size() == 1;
            if (o.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                if (oneFace) {
                    m.put("face", rejected.get(0).faceId());
                    m.put("rejected_person", rejected.get(0).person());
                }
                m.put("faces_rejected", rejected.size());
                m.put("rejected", rejected.stream().map(r -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("face", r.faceId());
                    e.put("person", r.person());
                    return e;
                }).toList());
                o.json(m);
            } else if (oneFace) {
                Rejection r = rejected.get(0);
                o.line("Face %d is not %s; it will not be suggested for %s again.", r.faceId(), r.person(), r.person());
            } else {
                o.line("Rejected %s; %s.", Counted.of(rejected.size(), "suggestion"), rejected.size() == 1
                        ? "that face will not be suggested for that person again"
                        : "none of those faces will be suggested for that person again");
            }
            return 0;
        }
    }
}
