package kindred.ui;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import kindred.application.Kindred;
import kindred.library.FaceQuery;
import kindred.library.IndexJob;
import kindred.library.PhotoMetadata;
import kindred.model.DetectedFace;
import kindred.model.Embedding;
import kindred.model.FaceBox;
import kindred.model.LandmarkScheme;
import kindred.model.Landmarks;
import kindred.model.PhotoAnalysis;

/**
 * Real JPEG files (1000×800, grey) in a real library, each with one face whose embedding lies near one of a few
 * identities: people, suggestions and exports without running the vision models.
 */
public final class SyntheticPhotos {

    private final Kindred services;
    private final Path folder;
    private final Random random = new Random(3);
    private final float[][] identities;
    private int photos;

    /** {@code people} random identities whose photos go to {@code folder}, indexed into {@code services}. */
    public SyntheticPhotos(Kindred services, Path folder, int people) throws Exception {
        this.services = services;
        this.folder = Files.createDirectories(folder);
        this.identities = new float[people][];
        for (int i = 0; i < people; i++) {
            identities[i] = unit();
        }
    }

    private float[] unit() {
        float[] v = new float[192];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Embedding.normalized(v);
    }

    /** A new photo file with one face of identity {@code who}; returns the face's id. */
    public long face(int who) throws Exception {
        return face(who, 300, 0.9, null, 0);
    }

    /** A new photo file with one face of identity {@code who}, {@code size} pixels square, of {@code quality}; its id. */
    public long face(int who, double size, double quality) throws Exception {
        return face(who, size, quality, null, 0);
    }

    /**
     * As {@link #face(int)}, the photo taken at {@code takenAt} (as its EXIF would say; null: it does not say) and its
     * file last modified at {@code fileTime} (ms since the epoch; 0: now).
     */
    public long face(int who, java.time.LocalDateTime takenAt, long fileTime) throws Exception {
        return face(who, 300, 0.9, takenAt, fileTime);
    }

    private long face(int who, double size, double quality, java.time.LocalDateTime takenAt, long fileTime) throws Exception {
        float[] n = unit();
        float[] v = new float[192];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.9f * identities[who][i] + 0.45f * n[i];
        }
        Path file = folder.resolve("photo-" + (photos++) + ".jpg");
        BufferedImage img = new BufferedImage(1000, 800, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(120 + photos % 100, 130, 140));
        g.fillRect(0, 0, 1000, 800);
        g.dispose();
        ImageIO.write(img, "jpg", file.toFile());
        if (fileTime > 0) {
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(fileTime));
        }
        // A test fixture writes what indexing would have stored: through the composition root, not the application.
        var store = ((kindred.app.Services) services).store();
        long folderId = store.addFolder(folder.toString());
        String path = file.toString();
        store.addPhoto(folderId, path, Files.size(file), Files.getLastModifiedTime(file).toMillis(), "h" + photos, 1);
        IndexJob job = store.claimIndexJobs(1).get(0);
        store.saveIndexed(job, new PhotoMetadata("jpeg", 1000, 800, 1, takenAt), new PhotoAnalysis(1000, 800, "det", "mobilefacenet",
                List.of(new DetectedFace(new FaceBox(200, 150, size, size), new Landmarks(LandmarkScheme.YUNET_5, new float[10]), 0.9, quality,
                        new Embedding("mobilefacenet", Embedding.normalized(v))))));
        return store.faces(new FaceQuery(path, null, null)).get(0).id();
    }

    /** The path of the photo holding {@code face}. */
    public String photoOf(long face) {
        return services.queries().faces(FaceQuery.all()).stream().filter(f -> f.id() == face).findFirst().orElseThrow().photoPath();
    }
}
