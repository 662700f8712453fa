-- Kindred library schema, version 5: twins (issue 15). Forward-only: never edit a released migration, add a new file.
--
-- A RAW or HEIF file saved beside a JPEG of the same name (IMG_0001.CR2 + IMG_0001.JPG) is one photo with two
-- files: the JPEG is the row of `photos` (indexed, its faces stored) and the other file a row here. A twin is never a
-- row of `photos`, so every count (status, folders, people's photos, search) counts the pair once.
CREATE TABLE photo_files (
    path            TEXT    PRIMARY KEY,
    photo_id        INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
    size            INTEGER NOT NULL,
    mtime           INTEGER NOT NULL,
    last_seen_at    INTEGER NOT NULL
);
CREATE INDEX photo_files_by_photo ON photo_files(photo_id);
