package kindred.library.people;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import kindred.library.Decided;
import kindred.library.LibraryException;
import kindred.library.LibraryStore;
import kindred.library.MetadataReader;
import kindred.library.PeopleService.NameResult;
import kindred.library.PhotoMetadata;
import kindred.library.RegionEmbedder;
import kindred.library.StoredPhoto;
import kindred.library.Undo;
import kindred.model.FaceBox;

/**
 * Faces the user draws: a box around a face the detector missed, named at once. The box is embedded through the
 * {@link RegionEmbedder} port (the same one imported XMP regions go through), so the face is clustered and matched like a detected one; a box that cannot be embedded
 * is still kept and named. Thread-safe (one embedder, made on first use, serves one call at a time).
 */
public final class ManualFaces implements AutoCloseable {

    /** Boxes smaller than this on either side (display pixels) are refused: nobody can draw or see a face that small. */
    public static final double MIN_BOX_PX = 12;

    private final LibraryStore store;
    private final MetadataReader metadata;
    private final Supplier<RegionEmbedder> embedders;
    private final People people;
    private RegionEmbedder embedder;

    public ManualFaces(LibraryStore store, MetadataReader metadata, Supplier<RegionEmbedder> embedders, People people) {
        this.store = store;
        this.metadata = metadata;
        this.embedders = embedders;
        this.people = people;
    }

    /**
     * A face the user drew.
     *
     * @param embedded whether it could be embedded (else it is named but never clustered or suggested)
     * @param undo     the entry of the undo history that takes it away again
     */
    public record Added(long faceId, NameResult named, boolean embedded, Undo undo) {
    }

    /**
     * Stores the face in {@code box} (display pixels of the photo) and names it {@code name}; a new name creates
     * the person.
     *
     * @throws LibraryException when the photo is unknown or unreadable, the box is too small, or the person is
     *                          already named on another face of the photo
     */
    public synchronized Added add(String photoPath, FaceBox box, String name) {
        StoredPhoto photo = store.photoByPath(photoPath).orElseThrow(() -> new LibraryException(
                "Kindred does not know the photo " + photoPath + ". Add its folder first."));
        if (box.w() < MIN_BOX_PX || box.h() < MIN_BOX_PX) {
            throw new LibraryException("That box is too small for a face. Drag a box around the whole face.");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(photoPath));
        } catch (IOException e) {
            throw new LibraryException("The photo " + photoPath + " could not be read (" + e.getMessage()
                    + "). Is its drive plugged in?", e);
        }
        PhotoMetadata md = metadata.read(bytes, Path.of(photoPath).getFileName().toString());
        int orientation = md == null ? 1 : md.orientation();
        Optional<RegionEmbedder.RegionFace> face = embedder().embed(bytes, orientation, box);
        Decided<People.AddedFace> a = people.addManualFace(photo.id(), box, face.map(RegionEmbedder.RegionFace::embedding).orElse(null),
                face.map(RegionEmbedder.RegionFace::quality).orElse(0.0), name);
        return new Added(a.result().faceId(), a.result().named(), face.isPresent(), a.undo());
    }

    private RegionEmbedder embedder() {
        if (embedder == null) {
            embedder = embedders.get();
        }
        return embedder;
    }

    @Override
    public synchronized void close() {
        if (embedder != null) {
            embedder.close();
            embedder = null;
        }
    }
}
