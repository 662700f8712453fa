-- Kindred library schema, version 2: the history of the user's decisions (for the audit) and the privacy log.
-- Forward-only: never edit a released migration, add a new file.

-- Every decision a user made about a face, with the face's assignment just before it. The audit computes from
-- it how precise the suggestions were. No foreign keys: history outlives a re-index; `forget` deletes the rows
-- of a forgotten person and of their faces explicitly.
CREATE TABLE decisions (
    id                  INTEGER PRIMARY KEY,
    at                  INTEGER NOT NULL,
    action              TEXT    NOT NULL CHECK (action IN ('name', 'confirm', 'reject', 'ignore', 'merge')),
    face_id             INTEGER,             -- null for a merge (a decision about two people)
    subject_person_id   INTEGER,             -- reject: who the face is not; merge: the person merged away
    person_before       INTEGER,             -- the face's assignment before the decision (null: none)
    state_before        TEXT,
    source_before       TEXT,
    confidence_before   REAL,                -- the suggestion's confidence, when it was one
    person_after        INTEGER,             -- after the decision (merge: the person kept)
    state_after         TEXT
);
CREATE INDEX decisions_by_face ON decisions(face_id);

-- What Kindred did that matters for privacy, for the user to read (`kindred log`): forgetting a person,
-- backups, restores, data exports. A forgotten person's name is not kept here: see docs/decisions/0006-trust.md.
CREATE TABLE privacy_log (
    id      INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,
    event   TEXT    NOT NULL,
    detail  TEXT    NOT NULL
);
