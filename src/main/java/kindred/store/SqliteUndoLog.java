package kindred.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import kindred.library.LibraryException;
import kindred.library.PeopleService.UndoPoint;
import kindred.library.RemovedFace;
import kindred.library.Undo;
import kindred.library.UndoLog;

/**
 * {@link UndoLog} in the library's {@code undo_entries} table (V006): each step as JSON ({@code kind} and its fields),
 * a removed face's embedding in a column of its own. Writes join the caller's transaction (the decision's). Thread-safe.
 */
public final class SqliteUndoLog implements UndoLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;

    public SqliteUndoLog(Database db) {
        this.db = db;
    }

    @Override
    public Undo push(String description, Undo.Step step) {
        long at = System.currentTimeMillis();
        byte[] embedding = step instanceof Undo.PutBackRemovedFace p ? p.face().embedding() : null;
        String json = toJson(step);
        return db.write(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO undo_entries(at, description, undo, embedding) VALUES (?, ?, ?, ?)",
                    java.sql.Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, at);
                ps.setString(2, description);
                ps.setString(3, json);
                ps.setBytes(4, embedding);
                ps.executeUpdate();
                try (ResultSet k = ps.getGeneratedKeys()) {
                    k.next();
                    id = k.getLong(1);
                }
            }
            SqliteLibraryStore.exec(c, "DELETE FROM undo_entries WHERE id NOT IN (SELECT id FROM undo_entries ORDER BY id DESC LIMIT ?)",
                    KEPT);
            return new Undo(id, at, description, step);
        });
    }

    @Override
    public Optional<Undo> newest() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, at, description, undo, embedding FROM undo_entries ORDER BY id DESC LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.<Undo>empty();
                }
                return Optional.of(new Undo(rs.getLong(1), rs.getLong(2), rs.getString(3), fromJson(rs.getString(4), rs.getBytes(5))));
            }
        });
    }

    @Override
    public boolean remove(long id) {
        return db.write(c -> SqliteLibraryStore.exec(c, "DELETE FROM undo_entries WHERE id = ?", id)) > 0;
    }

    @Override
    public void clear() {
        db.write(c -> SqliteLibraryStore.exec(c, "DELETE FROM undo_entries"));
    }

    static String toJson(Undo.Step step) {
        ObjectNode n = JSON.createObjectNode();
        if (step instanceof Undo.Restore r) {
            n.put("kind", "restore");
            n.set("point", JSON.valueToTree(r.point()));
        } else if (step instanceof Undo.DeleteDrawnFace d) {
            n.put("kind", "delete_drawn_face");
            n.put("face", d.faceId());
            n.set("point", JSON.valueToTree(d.point()));
        } else if (step instanceof Undo.PutBackRemovedFace p) {
            RemovedFace f = p.face();
            n.put("kind", "put_back_removed_face");
            n.put("face", f.faceId());
            n.put("photo", f.photoId());
            n.set("box", JSON.valueToTree(f.box()));
            n.put("stored", f.stored());
        } else if (step instanceof Undo.Rename r) {
            n.put("kind", "rename");
            n.put("from", r.from());
            n.put("to", r.to());
        } else if (step instanceof Undo.Hide h) {
            n.put("kind", "hide");
            n.put("person", h.person());
            n.put("hidden_before", h.hiddenBefore());
        } else {
            throw new IllegalArgumentException("an undo step this store cannot keep: " + step);
        }
        return n.toString();
    }

    static Undo.Step fromJson(String json, byte[] embedding) {
        try {
            JsonNode n = JSON.readTree(json);
            return switch (n.path("kind").asText()) {
                case "restore" -> new Undo.Restore(JSON.treeToValue(n.get("point"), UndoPoint.class));
                case "delete_drawn_face" -> new Undo.DeleteDrawnFace(n.get("face").asLong(), JSON.treeToValue(n.get("point"), UndoPoint.class));
                case "put_back_removed_face" -> new Undo.PutBackRemovedFace(new RemovedFace(n.get("face").asLong(), n.get("photo").asLong(),
                        JSON.treeToValue(n.get("box"), kindred.model.FaceBox.class), n.get("stored").asText(), embedding));
                case "rename" -> new Undo.Rename(n.get("from").asText(), n.get("to").asText());
                case "hide" -> new Undo.Hide(n.get("person").asText(), n.get("hidden_before").asBoolean());
                default -> throw new LibraryException("An entry of the undo history is of a kind this Kindred does not know ("
                        + n.path("kind").asText() + "). Update Kindred to undo it.");
            };
        } catch (IOException e) {
            throw new LibraryException("An entry of the undo history could not be read (" + e.getMessage() + ").", e);
        }
    }
}
