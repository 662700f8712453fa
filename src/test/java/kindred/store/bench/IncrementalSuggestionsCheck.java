package kindred.store.bench;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import kindred.library.LibraryException;
import kindred.library.people.People;
import kindred.store.Database;
import kindred.store.SqlitePeopleStore;

/**
 * Check (not a test, it needs a library built by {@link ScaleBenchmark}): random decisions refreshed
 * incrementally leave exactly the suggestions a full refresh computes.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) kindred.store.bench.IncrementalSuggestionsCheck LIBRARY [decisions]
 * </pre>
 */
public final class IncrementalSuggestionsCheck {

    public static void main(String[] args) throws Exception {
        Path lib = Path.of(args[0]);
        int decisions = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        SplittableRandom rnd = new SplittableRandom(11);
        try (Database db = Database.open(lib)) {
            People people = new People(new SqlitePeopleStore(db));
            people.refreshAllSuggestions();
            for (int d = 0; d < decisions; d++) {
                int kind = rnd.nextInt(4);
                try {
                    if (kind == 0) {
                        people.nameFace(pick(db, "a.face_id IS NULL", rnd), ScaleBenchmark.name(rnd.nextInt(30)));
                    } else if (kind == 1) {
                        long f = pick(db, "a.source = 'auto' AND a.state = 'unconfirmed'", rnd);
                        people.reject(f, null);
                    } else if (kind == 2) {
                        people.confirm(List.of(pick(db, "a.source = 'auto' AND a.state = 'unconfirmed'", rnd)));
                    } else {
                        people.nameFace(pick(db, "a.state = 'confirmed'", rnd), ScaleBenchmark.name(rnd.nextInt(30)));
                    }
                } catch (LibraryException e) {
                    // e.g. already named in that photo: a refused decision changes nothing
                }
            }
            List<String> incremental = snapshot(db);
            people.refreshAllSuggestions();
            List<String> fresh = snapshot(db);
            System.out.printf("after %d decisions: %d suggestions incrementally, %d by a full refresh: %s%n", decisions,
                    incremental.size(), fresh.size(), incremental.equals(fresh) ? "IDENTICAL" : "DIFFERENT");
            if (!incremental.equals(fresh)) {
                List<String> a = new ArrayList<>(incremental);
                a.removeAll(fresh);
                List<String> b = new ArrayList<>(fresh);
                b.removeAll(incremental);
                System.out.println("only incremental: " + a.subList(0, Math.min(10, a.size())));
                System.out.println("only full:        " + b.subList(0, Math.min(10, b.size())));
                System.exit(1);
            }
        }
    }

    private static long pick(Database db, String where, SplittableRandom rnd) {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT f.id FROM faces f LEFT JOIN assignments a ON a.face_id = f.id WHERE " + where
                            + " AND f.id >= (SELECT abs(" + rnd.nextLong() + ") % (max(id) + 1) FROM faces) ORDER BY f.id LIMIT 1")) {
                return rs.next() ? rs.getLong(1) : 1L;
            }
        });
    }

    private static List<String> snapshot(Database db) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT face_id, person_id, confidence FROM assignments WHERE source = 'auto' AND state = 'unconfirmed' ORDER BY face_id")) {
                while (rs.next()) {
                    out.add(rs.getLong(1) + ">" + rs.getLong(2) + "@" + rs.getDouble(3));
                }
            }
            return out;
        });
    }
}
