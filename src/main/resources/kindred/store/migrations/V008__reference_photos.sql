-- Kindred library schema: reference photos (issue 21). Forward-only: never edit a released migration, add a new file.
--
-- A roster's reference photo ("Ada Lovelace.jpg") gives its person one confirmed face. The photo is a row of `photos`
-- like any other (indexed, its faces stored), marked here so that it is never delivered as a photo of a shoot: gallery
-- exports leave it out. Forgetting the photo drops the mark; a person merged away or forgotten leaves the photo a
-- reference of nobody (it stays out of galleries).
CREATE TABLE IF NOT EXISTS reference_photos (
    photo_id    INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
    person_id   INTEGER REFERENCES people(id) ON DELETE SET NULL,
    added_at    INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS reference_photos_by_person ON reference_photos(person_id);
