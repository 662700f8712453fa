-- Kindred library schema, version 1. Forward-only: never edit a released migration, add a new file.
-- Times are milliseconds since the epoch (UTC). Boxes are pixels of the photo as displayed
-- (EXIF orientation applied). Embeddings are float32 little-endian BLOBs tagged with their model id.

CREATE TABLE folders (
    id          INTEGER PRIMARY KEY,
    path        TEXT    NOT NULL UNIQUE,
    added_at    INTEGER NOT NULL
);

CREATE TABLE photos (
    id              INTEGER PRIMARY KEY,
    folder_id       INTEGER NOT NULL REFERENCES folders(id),
    path            TEXT    NOT NULL UNIQUE,
    size            INTEGER NOT NULL,
    mtime           INTEGER NOT NULL,
    content_hash    TEXT,
    width           INTEGER,             -- display pixels
    height          INTEGER,
    orientation     INTEGER NOT NULL DEFAULT 1 CHECK (orientation BETWEEN 1 AND 8),
    taken_at        TEXT,                -- ISO local date-time from EXIF
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'indexed', 'failed')),
    missing         INTEGER NOT NULL DEFAULT 0,
    detector_id     TEXT,
    embedder_id     TEXT,
    indexed_at      INTEGER,
    first_seen_at   INTEGER NOT NULL,
    last_seen_at    INTEGER NOT NULL
);
CREATE INDEX photos_by_hash ON photos(content_hash);
CREATE INDEX photos_by_folder ON photos(folder_id);

CREATE TABLE failures (
    photo_id    INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
    reason      TEXT    NOT NULL,
    message     TEXT    NOT NULL,
    at          INTEGER NOT NULL
);

CREATE TABLE people (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    hidden          INTEGER NOT NULL DEFAULT 0,
    cover_face_id   INTEGER,
    created_at      INTEGER NOT NULL
);

CREATE TABLE clusters (
    id          INTEGER PRIMARY KEY,
    created_at  INTEGER NOT NULL
);

CREATE TABLE faces (
    id              INTEGER PRIMARY KEY,
    photo_id        INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
    x               REAL    NOT NULL,
    y               REAL    NOT NULL,
    w               REAL    NOT NULL,
    h               REAL    NOT NULL,
    landmark_scheme TEXT    NOT NULL,
    landmarks       BLOB,
    score           REAL    NOT NULL,
    quality         REAL    NOT NULL,
    source          TEXT    NOT NULL DEFAULT 'auto' CHECK (source IN ('auto', 'manual', 'imported')),
    detector_id     TEXT,                -- null for manual and imported boxes
    embedder_id     TEXT,
    embedding       BLOB,                -- null once erased by "forget"
    cluster_id      INTEGER REFERENCES clusters(id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX faces_by_photo ON faces(photo_id);
CREATE INDEX faces_by_cluster ON faces(cluster_id);

-- A face's link to a person, with who made it and what the user said about it. An ignored face
-- ("not a face worth naming") has no person.
CREATE TABLE assignments (
    face_id     INTEGER PRIMARY KEY REFERENCES faces(id) ON DELETE CASCADE,
    person_id   INTEGER REFERENCES people(id) ON DELETE CASCADE,
    source      TEXT    NOT NULL CHECK (source IN ('auto', 'manual', 'imported')),
    state       TEXT    NOT NULL CHECK (state IN ('unconfirmed', 'confirmed', 'ignored')),
    confidence  REAL,
    updated_at  INTEGER NOT NULL,
    CHECK (state = 'ignored' OR person_id IS NOT NULL)
);
CREATE INDEX assignments_by_person ON assignments(person_id, state);

-- "Not this person", remembered forever (cannot-link).
CREATE TABLE rejections (
    face_id     INTEGER NOT NULL REFERENCES faces(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    PRIMARY KEY (face_id, person_id)
);

-- Regions a scan must not turn into faces again (a forgotten person, a removed false face).
CREATE TABLE suppressed_regions (
    id          INTEGER PRIMARY KEY,
    photo_id    INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
    x           REAL    NOT NULL,
    y           REAL    NOT NULL,
    w           REAL    NOT NULL,
    h           REAL    NOT NULL,
    reason      TEXT    NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX suppressed_by_photo ON suppressed_regions(photo_id);

-- The persistent work queue. A job row exists until its work is committed.
CREATE TABLE jobs (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL,
    photo_id    INTEGER REFERENCES photos(id) ON DELETE CASCADE,
    state       TEXT    NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    UNIQUE (kind, photo_id)
);
CREATE INDEX jobs_by_state ON jobs(state, id);

CREATE TABLE settings (
    key     TEXT PRIMARY KEY,
    value   TEXT NOT NULL
);
