package kindred.store;

import static kindred.store.SqliteLibraryStore.queryLong;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Locale;
import kindred.model.Source;
import kindred.model.State;

/** What the people store's parts share to read rows: states, sources, nullable ids, id lists, table checks. */
final class PeopleRows {

    private PeopleRows() {
    }

    static State state(String s) {
        return s == null ? null : State.valueOf(s.toUpperCase(Locale.ROOT));
    }

    static Source source(String s) {
        return s == null ? null : Source.valueOf(s.toUpperCase(Locale.ROOT));
    }

    static Long nullableLong(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    /** Runs a query and adds its first column, as longs, to {@code out}; parameters bound in order. */
    static <C extends Collection<Long>> C longs(Connection c, C out, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    static boolean hasTable(Connection c, String table) throws SQLException {
        return queryLong(c, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", table) > 0;
    }
}
