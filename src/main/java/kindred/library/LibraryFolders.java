package kindred.library;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The library's folders: listing them with their state, pointing one at its new place (a new drive letter or mount
 * point, a renamed parent) without losing a face, name or decision, and dropping one after saying what goes with it.
 * Thread-safe as the store is.
 */
public final class LibraryFolders {

    private final LibraryStore store;
    private final PeopleService people;
    private final TrustStore trust;

    private final ThumbnailCache thumbnails;

    /** @param trust the privacy log, told when a folder's faces are dropped (may be null) */
    public LibraryFolders(LibraryStore store, PeopleService people, TrustStore trust) {
        this(store, people, trust, null);
    }

    /** @param thumbnails the renderings kept for offline photos: they follow a moved folder and go with a removed one (may be null) */
    public LibraryFolders(LibraryStore store, PeopleService people, TrustStore trust, ThumbnailCache thumbnails) {
        this.store = store;
        this.people = people;
        this.trust = trust;
        this.thumbnails = thumbnails;
    }

    /** The paths of the photos under {@code folder} (its own and its sub-folders'). */
    private java.util.List<String> photosUnder(String folder) {
        String prefix = folder.endsWith(java.io.File.separator) ? folder : folder + java.io.File.separator;
        return store.photos().stream().map(StoredPhoto::path).filter(p -> p.startsWith(prefix)).toList();
    }

    /** Every folder with its photos and whether it is there now. */
    public List<FolderInfo> list() {
        return store.folders();
    }

    /**
     * What a move did.
     *
     * @param photosMoved      photos now under the new place
     * @param photosThere      of those, the ones found at the new place (the rest are marked missing until a scan)
     */
    public record Moved(String from, String to, int photosMoved, int photosThere) {
    }

    /**
     * Points {@code from} at {@code to}. Photos keep their ids, faces, names and decisions; the ones not found at the
     * new place are marked missing (a scan of the new place settles them).
     *
     * @throws LibraryException when {@code from} is not a folder of the library, {@code to} is not a folder on disk,
     *                          {@code to} already holds photos of the library, or none of the photos is at the new place
     *                          (a wrong path: nothing changes)
     */
    public Moved move(Path from, Path to) {
        String old = folderOf(from).orElseThrow(() -> new LibraryException(from + " is not a folder of the library. "
                + "`kindred folders` lists them."));
        if (!Files.isDirectory(to)) {
            throw new LibraryException(to + " is not a folder on this computer (is its drive connected?). Give the folder's new place.");
        }
        String target = to.toAbsolutePath().normalize().toString();
        java.util.List<String> before = thumbnails == null ? java.util.List.of() : photosUnder(old);
        int[] there = {0};
        int moved = store.moveFolder(old, target, newPath -> {
            boolean exists = Files.isRegularFile(Path.of(newPath));
            if (exists) {
                there[0]++;
            }
            return !exists;
        });
        String sep = java.io.File.separator;
        for (String p : before) {
            thumbnails.moved(p, target + sep + p.substring(old.length() + (old.endsWith(sep) ? 0 : 1)));
        }
        return new Moved(old, target, moved, there[0]);
    }

    /** What dropping {@code folder} would forget; empty when it is not a folder of the library. */
    public Optional<LibraryStore.FolderUsage> usage(Path folder) {
        return folderOf(folder).map(store::folderUsage);
    }

    /**
     * Drops {@code folder} from the library: its photos, their faces and embeddings, the names on them and the
     * decisions; the photos on disk are not touched, and people stay (with their faces elsewhere).
     *
     * @return what was forgotten
     * @throws LibraryException when it is not a folder of the library
     */
    public LibraryStore.FolderUsage remove(Path folder) {
        String path = folderOf(folder).orElseThrow(() -> new LibraryException(folder + " is not a folder of the library. "
                + "`kindred folders` lists them."));
        LibraryStore.FolderUsage usage = store.folderUsage(path);
        java.util.List<String> gone = thumbnails == null ? java.util.List.of() : photosUnder(path);
        store.removeFolder(path);
        if (thumbnails != null) {
            thumbnails.forget(gone);
        }
        people.facesDropped();
        if (trust != null) {
            trust.log("folder removed", Counted.of(usage.photos(), "photo") + ", " + Counted.of(usage.faces(), "face")
                    + " and their embeddings dropped");
        }
        return usage;
    }

    /** The library folder at {@code p} (as given, or as its real path), if any. */
    private Optional<String> folderOf(Path p) {
        String given = p.toAbsolutePath().normalize().toString();
        for (FolderInfo f : store.folders()) {
            if (f.path().equals(given)) {
                return Optional.of(f.path());
            }
        }
        try {
            String real = p.toRealPath().toString();
            return store.folders().stream().map(FolderInfo::path).filter(real::equals).findFirst();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
