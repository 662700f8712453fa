-- Kindred library schema: indexes for large libraries (issue 7; measured in docs/decisions/0007-speed.md).
-- Forward-only: never edit a released migration, add a new file.

-- The clusters list groups every clustered face by cluster with its photo: read from this index alone instead
-- of the face rows, which are wide (each carries its embedding). It also serves every lookup by cluster.
CREATE INDEX IF NOT EXISTS faces_by_cluster_photo ON faces(cluster_id, photo_id);
DROP INDEX IF EXISTS faces_by_cluster;

-- A face's photo without reading its wide row: the people list counts each person's faces and photos here.
CREATE INDEX IF NOT EXISTS faces_photo_of ON faces(id, photo_id);

-- The embedder most faces use is counted from this index, not from the face rows.
CREATE INDEX IF NOT EXISTS faces_by_embedder ON faces(embedder_id);

-- Missing photos are few: found without reading every photo row.
CREATE INDEX IF NOT EXISTS photos_missing ON photos(id) WHERE missing <> 0;
