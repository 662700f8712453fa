-- Kindred library schema: counts kept up to date by triggers, so that a large library lists its largest clusters and
-- finds its main embedder without counting every face (issue 7; measured in docs/decisions/0007-speed.md).
-- Forward-only: never edit a released migration, add a new file.

-- Each cluster's number of faces (all of them: decided or not, on missing photos or not). For a cluster without a
-- confirmed or ignored face and without a face on a missing photo (nearly all) it is the cluster's unnamed count,
-- so the Unnamed page reads its first page from this index instead of counting 300,000 faces.
ALTER TABLE clusters ADD COLUMN faces INTEGER NOT NULL DEFAULT 0;
UPDATE clusters SET faces = (SELECT count(*) FROM faces f WHERE f.cluster_id = clusters.id);
CREATE INDEX clusters_by_size ON clusters(faces DESC, id);

CREATE TRIGGER faces_cluster_insert AFTER INSERT ON faces WHEN new.cluster_id IS NOT NULL BEGIN
  UPDATE clusters SET faces = faces + 1 WHERE id = new.cluster_id;
END;
CREATE TRIGGER faces_cluster_delete AFTER DELETE ON faces WHEN old.cluster_id IS NOT NULL BEGIN
  UPDATE clusters SET faces = faces - 1 WHERE id = old.cluster_id;
END;
CREATE TRIGGER faces_cluster_update AFTER UPDATE OF cluster_id ON faces WHEN old.cluster_id IS NOT new.cluster_id BEGIN
  UPDATE clusters SET faces = faces - 1 WHERE id = old.cluster_id;
  UPDATE clusters SET faces = faces + 1 WHERE id = new.cluster_id;
END;

-- How many faces each embedder made: the main embedder (the one most faces use) without counting every face.
CREATE TABLE embedder_faces (
    embedder_id TEXT PRIMARY KEY,
    faces       INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO embedder_faces(embedder_id, faces)
  SELECT embedder_id, count(*) FROM faces WHERE embedder_id IS NOT NULL GROUP BY embedder_id;

CREATE TRIGGER faces_embedder_insert AFTER INSERT ON faces WHEN new.embedder_id IS NOT NULL BEGIN
  INSERT INTO embedder_faces(embedder_id, faces) VALUES (new.embedder_id, 1)
    ON CONFLICT(embedder_id) DO UPDATE SET faces = faces + 1;
END;
CREATE TRIGGER faces_embedder_delete AFTER DELETE ON faces WHEN old.embedder_id IS NOT NULL BEGIN
  UPDATE embedder_faces SET faces = faces - 1 WHERE embedder_id = old.embedder_id;
END;
CREATE TRIGGER faces_embedder_update AFTER UPDATE OF embedder_id ON faces WHEN old.embedder_id IS NOT new.embedder_id BEGIN
  UPDATE embedder_faces SET faces = faces - 1 WHERE embedder_id = old.embedder_id;
  INSERT INTO embedder_faces(embedder_id, faces) SELECT new.embedder_id, 1 WHERE new.embedder_id IS NOT NULL
    ON CONFLICT(embedder_id) DO UPDATE SET faces = faces + 1;
END;

-- A face's photo and cluster without reading its wide row: which clusters hold a confirmed face, and each person's
-- faces and photos (replaces faces_photo_of, its prefix).
CREATE INDEX faces_photo_cluster_of ON faces(id, photo_id, cluster_id);
DROP INDEX IF EXISTS faces_photo_of;

-- Faces by decision (confirmed, ignored...): which clusters hold a decided face, without a temporary index per query.
CREATE INDEX IF NOT EXISTS assignments_by_state ON assignments(state, face_id);
