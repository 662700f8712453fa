package kindred.ui;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.library.FolderInfo;
import kindred.library.IndexSettings;
import kindred.library.LibraryStore;
import kindred.library.StoredPhoto;

/**
 * Lists the library's photos for the grid: the photo files under the library's folders that the library
 * knows and that are present, with their face counts. Slow (walks folders, queries): background only.
 */
final class PhotoCatalog {

    private final LibraryStore store;

    PhotoCatalog(LibraryStore store) {
        this.store = store;
    }

    /** Photos under {@code folder}, or under every folder when null, sorted by path. */
    List<PhotoItem> photos(String folder) {
        Map<Long, int[]> faceCounts = new HashMap<>();
        for (FaceInfo f : store.faces(FaceQuery.all())) {
            int[] c = faceCounts.computeIfAbsent(f.photoId(), k -> new int[2]);
            c[0]++;
            if (f.person() == null) {
                c[1]++;
            }
        }
        List<String> roots = new ArrayList<>();
        if (folder != null) {
            roots.add(folder);
        } else {
            store.folders().stream().filter(FolderInfo::present).map(FolderInfo::path).forEach(roots::add);
        }
        List<PhotoItem> out = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (String root : roots) {
            for (Path file : photoFiles(Path.of(root))) {
                Optional<StoredPhoto> p = store.photoByPath(file.toString());
                if (p.isPresent() && !p.get().missing() && seen.add(p.get().id())) {
                    int[] c = faceCounts.getOrDefault(p.get().id(), new int[2]);
                    out.add(new PhotoItem(p.get().id(), p.get().path(), c[0], c[1]));
                }
            }
        }
        out.sort(Comparator.comparing(PhotoItem::path));
        return out;
    }

    private static List<Path> photoFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(p -> !isHidden(root, p))
                    .filter(p -> IndexSettings.isPhotoFileName(p.getFileName().toString()))
                    .filter(Files::isRegularFile)
                    .map(p -> p.toAbsolutePath().normalize())
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    private static boolean isHidden(Path root, Path p) {
        Path rel = root.relativize(p);
        for (int i = 0; i < rel.getNameCount() - 1; i++) {
            if (rel.getName(i).toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
