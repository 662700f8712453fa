-- Kindred library schema, version 7: a library that keeps itself current (issue 18). Forward-only: never edit a
-- released migration, add a new file.
--
-- Each directory of a library folder as last listed: its modification time. A directory's mtime changes when a file
-- or folder in it is added, removed or renamed, so at start (and where the system's watch limit leaves a directory
-- unwatched) comparing these is enough to find what changed, without listing or hashing every file. A directory whose
-- mtime was too recent to trust when it was read (a change in the same clock tick would not move it) is stored as -1,
-- which never matches: it is listed again next time.
CREATE TABLE IF NOT EXISTS folder_dirs (
    path        TEXT    PRIMARY KEY,
    folder_id   INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
    mtime       INTEGER NOT NULL              -- milliseconds since the epoch, or -1: list it again
);
CREATE INDEX IF NOT EXISTS folder_dirs_by_folder ON folder_dirs(folder_id);

-- Identical copies: a file with the same content (SHA-256) as a photo of another library folder is that
-- photo's copy: a row of photo_files like a RAW twin (never a row of photos, so it is counted once and shares the one
-- photo's faces and names), with kind 'copy'. Twins of V005 are kind 'twin'.
ALTER TABLE photo_files ADD COLUMN kind TEXT NOT NULL DEFAULT 'twin' CHECK (kind IN ('twin', 'copy'));

-- The mount point each folder was on when it was last seen with its photos (Linux: from /proc/self/mountinfo; null
-- elsewhere or before it was seen). An unmounted drive or share leaves its mount point behind as an empty directory:
-- an empty folder whose mount point is no longer mounted is offline, one whose mount point is still there was emptied.
ALTER TABLE folders ADD COLUMN volume TEXT;
