-- Kindred library schema, version 6: the undo history shared by the window and the command line (issue 16).
-- Forward-only: never edit a released migration, add a new file.
--
-- Each row is one decision (naming, confirming, merging, a drawn or removed face...) and what puts it back, written in
-- the decision's own transaction; `kindred undo` and the window's Ctrl+Z take the newest row. Only the last few are
-- kept (kindred.library.UndoLog.KEPT). No foreign keys: an entry names faces and people that may be gone when it is
-- undone (they are skipped then). `forget` empties the table, so no entry brings a forgotten person back.
CREATE TABLE IF NOT EXISTS undo_entries (
    id           INTEGER PRIMARY KEY,
    at           INTEGER NOT NULL,             -- milliseconds since the epoch
    description  TEXT    NOT NULL,             -- completes "Undo ...": "naming 12 faces \"Grandma\""
    undo         TEXT    NOT NULL,             -- what puts the decision back, as JSON (kindred.store.SqliteUndoLog)
    embedding    BLOB                          -- a removed face's embedding, apart so that export-data leaves it out
);
