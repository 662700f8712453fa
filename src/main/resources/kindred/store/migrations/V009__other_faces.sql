-- Kindred library schema: Other faces, a page at a time (issue 17).
-- Forward-only: never edit a released migration, add a new file.

-- "Other faces" chooses its page, best first, on each candidate face's cluster, photo, quality and size. With these
-- keys in the index that every lookup by cluster already uses, the choice reads the index alone instead of each face's
-- wide row (it carries the embedding): the first page at 300,000 faces (60,000 other faces; ScaleBenchmark's library,
-- sqlite3 3.40, 3 runs each) took 0.15-0.22 s CPU before and 0.08-0.10 s after. Building it there took 2.5 s, once.
-- It replaces faces_by_cluster_photo (V003), whose keys are its first two: lookups by cluster work as before.
CREATE INDEX IF NOT EXISTS faces_by_cluster_photo_order ON faces(cluster_id, photo_id, quality, w, h);
DROP INDEX IF EXISTS faces_by_cluster_photo;
