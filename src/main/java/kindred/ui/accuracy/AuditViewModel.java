package kindred.ui.accuracy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kindred.application.Kindred;
import kindred.library.FaceInfo;
import kindred.library.audit.AuditReport.Benchmark;
import kindred.library.audit.AuditReport.PersonAudit;
import kindred.library.audit.AuditReport.TwiceConfirmed;
import kindred.library.audit.AuditReport;
import kindred.library.audit.GroupBenchmark;
import kindred.library.eval.GroupRates;
import kindred.library.eval.GroupedVerification;
import kindred.ui.common.BackgroundTask;
import kindred.ui.common.Messages;
import kindred.ui.common.PhotoItem;
import kindred.ui.common.TaskExecutor;

/**
 * The Accuracy page: how precise Kindred's suggestions were on the user's own decisions ({@code kindred audit} in the
 * window). Computed off the UI thread each time the page opens.
 */
public final class AuditViewModel {

    /** A face confirmed for several people, with the photo it is on (null when the photo is gone). */
    public record TwiceRow(long faceId, List<String> people, Long photoId, String photoPath) {

        /** "Ben, then Anna". */
        public String peopleText() {
            return String.join(", then ", people);
        }

        public String fileName() {
            if (photoPath == null) {
                return "(photo no longer in the library)";
            }
            int slash = Math.max(photoPath.lastIndexOf('/'), photoPath.lastIndexOf('\\'));
            return photoPath.substring(slash + 1);
        }
    }

    private record Loaded(AuditReport report, List<TwiceRow> twice) {
    }

    private final Kindred services;
    private final TaskExecutor executor;
    private final ObjectProperty<AuditReport> report = new SimpleObjectProperty<>();
    private final ObservableList<PersonAudit> people = FXCollections.observableArrayList();
    private final ObservableList<TwiceRow> twice = FXCollections.observableArrayList();
    private final ObservableList<String> plainWords = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper benchmark = new ReadOnlyStringWrapper("");
    private final ObservableList<GroupRates> groupRows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper groupCaption = new ReadOnlyStringWrapper("");
    private final ObservableList<String> groupWords = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper empty = new ReadOnlyBooleanWrapper(false);
    private final StringProperty message = new SimpleStringProperty("");
    private Consumer<PhotoItem> openPhoto = p -> { };
    private int generation;

    public AuditViewModel(Kindred services, TaskExecutor executor) {
        this.services = services;
        this.executor = executor;
    }

    /** Where "show that photo" goes (the window opens it in the viewer). */
    public void onOpenPhoto(Consumer<PhotoItem> c) {
        this.openPhoto = c;
    }

    /** Computes the audit again, in the background. */
    public void reload() {
        int gen = ++generation;
        loading.set(true);
        executor.execute(BackgroundTask.of("Measuring the suggestions", () -> {
                    AuditReport r = services.audit();
                    return new Loaded(r, locate(r.facesConfirmedForTwoPeople()));
                })
                .onSuccess(l -> {
                    if (gen == generation) {
                        show(l);
                    }
                })
                .onFailure(t -> {
                    if (gen == generation) {
                        loading.set(false);
                        message.set("The accuracy could not be measured: " + Messages.forUser(t));
                    }
                }));
    }

    /**
     * Finds the photo of each twice-confirmed face (background thread): the faces read by id in one query, not every
     * face of each person they went to (seconds for people with thousands of faces). A face gone since has no photo.
     */
    private List<TwiceRow> locate(List<TwiceConfirmed> list) {
        Map<Long, FaceInfo> byId = new HashMap<>();
        if (!list.isEmpty()) {
            services.queries().facesById(list.stream().map(TwiceConfirmed::faceId).toList()).forEach(f -> byId.put(f.id(), f));
        }
        List<TwiceRow> out = new ArrayList<>();
        for (TwiceConfirmed t : list) {
            FaceInfo f = byId.get(t.faceId());
            out.add(new TwiceRow(t.faceId(), t.people(), f == null ? null : f.photoId(), f == null ? null : f.photoPath()));
        }
        return out;
    }

    private void show(Loaded l) {
        AuditReport r = l.report();
        report.set(r);
        people.setAll(r.people());
        twice.setAll(l.twice());
        plainWords.setAll(r.plainWords());
        int decided = r.suggestionsAccepted() + r.suggestionsRejected();
        empty.set(decided == 0 && r.facesConfirmedForTwoPeople().isEmpty());
        headline.set(r.suggestionPrecision() == null ? "Nothing measured yet"
                : decided < MIN_DECISIONS_FOR_PERCENT
                ? r.suggestionsAccepted() + " of " + Messages.count(decided, "suggestion") + (r.suggestionsAccepted() == 1 ? " was" : " were") + " right"
                : percent(r.suggestionPrecision()) + " of suggestions were right");
        detail.set(decided == 0 ? "You have confirmed " + Messages.count(r.confirmedFaces(), "face") + "; no suggestion decided yet."
                : r.suggestionsAccepted() + " accepted, " + r.suggestionsRejected() + " rejected, of "
                + Messages.count(decided, "suggestion") + " you decided on · " + Messages.count(r.confirmedFaces(), "face")
                + " confirmed in all");
        benchmark.set(benchmarkText(r.benchmark()));
        showByGroup(r.benchmarkByGroup());
        loading.set(false);
    }

    static String benchmarkText(Benchmark b) {
        if (b == null) {
            return "No public-benchmark measurement is known for this model pack.";
        }
        return String.format(Locale.ROOT, "%.2f %% right on %s (1,000 pairs of public face photos: the same person or not?), "
                + "measured %s with the \"%s\" model pack.", 100 * b.accuracy(), b.dataset(), b.measuredOn(), b.pack());
    }

    private void showByGroup(GroupBenchmark g) {
        List<String> words = new ArrayList<>();
        if (g == null) {
            groupRows.clear();
            groupCaption.set("No measurement by group is known for this model pack.");
        } else {
            List<GroupRates> rows = new ArrayList<>(g.groups());
            rows.add(g.crossGroup());
            groupRows.setAll(rows);
            groupCaption.set(String.format(Locale.ROOT, "Measured %s on %s with the %s, \"%s\" model pack, at the similarity "
                    + "Kindred suggests a name at (%.2f). A pair is two photos, of one person or of two different people.",
                    g.measuredOn(), g.dataset(), g.labels(), g.pack(), g.threshold()));
            words.addAll(g.plainWords());
        }
        words.add(GroupBenchmark.NOT_MEASURED);
        groupWords.setAll(words);
    }

    /** "Women", "Men", "Across groups" (pairs of a woman and a man). */
    static String groupName(GroupRates g) {
        return switch (g.group()) {
            case "woman" -> "Women";
            case "man" -> "Men";
            case GroupedVerification.CROSS_GROUP -> "A woman and a man";
            default -> g.group();
        };
    }

    /** "177 (137 + 40)": all, of one person + of two different people. */
    static String pairsText(GroupRates g) {
        return String.format(Locale.ROOT, "%,d (%,d + %,d)", g.pairs(), g.samePairs(), g.differentPairs());
    }

    /** "0 of 40", "6 of 137 (4.4 %)", or "not measured" without pairs to count. */
    static String countOf(int count, int of) {
        if (of == 0) {
            return "not measured";
        }
        return count == 0 ? String.format(Locale.ROOT, "0 of %,d", of)
                : String.format(Locale.ROOT, "%,d of %,d (%.1f %%)", count, of, 100.0 * count / of);
    }

    /** "96.6 %", "100 %", or "not measured". */
    static String share(Double v) {
        if (v == null) {
            return "not measured";
        }
        return v == 1.0 ? "100 %" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    /**
     * "98.4 %", or "95.6 % (FAR < 1/40)" when fewer than 1,000 pairs of different people back it: then no different pair is
     * let through, and 1 in 40 is the finest rate 40 pairs can show (the plain words below the table say so).
     */
    static String tarText(GroupRates g) {
        if (g.tarAtFar0001() == null) {
            return "not measured";
        }
        if (!g.tooFewImpostorsForFar()) {
            return share(g.tarAtFar0001());
        }
        return String.format(Locale.ROOT, "%.1f %% (FAR < 1/%,d)", 100 * g.tarAtFar0001(), g.differentPairs());
    }

    /**
     * Below this many decided suggestions the page says counts ("1 of 1 right"), from it on percentages: with fewer,
     * one more decision moves a percentage by more than 10 points, and "100 %" after a single yes reads as a promise
     * (issue 17, a first-time user's reading).
     */
    static final int MIN_DECISIONS_FOR_PERCENT = 10;

    /** A person's "Right" column: "1 of 1", "7 of 9", from {@link #MIN_DECISIONS_FOR_PERCENT} decisions "87 %"; "–" without any. */
    static String right(int accepted, int rejected) {
        int decided = accepted + rejected;
        if (decided == 0) {
            return "–";
        }
        return decided < MIN_DECISIONS_FOR_PERCENT ? accepted + " of " + decided : percent((double) accepted / decided);
    }

    /** "87 %", or "–" when there is nothing to measure. */
    static String percent(Double p) {
        return p == null ? "–" : String.format(Locale.ROOT, "%.0f %%", 100 * p);
    }

    /** Opens the photo of a twice-confirmed face in the viewer. */
    public void open(TwiceRow row) {
        if (row.photoPath() == null) {
            message.set("That photo is no longer in the library.");
            return;
        }
        openPhoto.accept(new PhotoItem(row.photoId(), row.photoPath(), 0, 0));
    }

    public ObjectProperty<AuditReport> reportProperty() {
        return report;
    }

    public ObservableList<PersonAudit> people() {
        return people;
    }

    public ObservableList<TwiceRow> twice() {
        return twice;
    }

    public ObservableList<String> plainWords() {
        return plainWords;
    }

    /** "87 % of suggestions were right", or "Nothing measured yet". */
    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty benchmarkProperty() {
        return benchmark.getReadOnlyProperty();
    }

    /** The public benchmark by group: one row per group, then the pairs across groups; empty when not measured. */
    public ObservableList<GroupRates> groupRows() {
        return groupRows;
    }

    /** What the table by group was measured on, when and at which threshold. */
    public ReadOnlyStringProperty groupCaptionProperty() {
        return groupCaption.getReadOnlyProperty();
    }

    /** The table by group in plain words, then what has not been measured. */
    public ObservableList<String> groupWords() {
        return groupWords;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** No suggestion decided yet: the page teaches what to do instead of showing zeros. */
    public ReadOnlyBooleanProperty emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    public StringProperty messageProperty() {
        return message;
    }
}
