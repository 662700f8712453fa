package kindred.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import kindred.library.FaceInfo;
import kindred.library.MetadataReader;
import kindred.library.PhotoMetadata;
import kindred.library.Thumbnailer;
import kindred.model.PhotoReadException;

/**
 * Thumbnails and face crops as JavaFX images, decoded off the FX thread by the image executor, in display
 * orientation, and kept in a least-recently-used cache bounded by pixels. Call from the FX thread; callbacks
 * come back on it.
 */
public final class ImageCache {

    /** Cached pixels at most: ~48 M pixels, about 190 MB of images. */
    static final long MAX_CACHED_PIXELS = 48_000_000L;

    private final Thumbnailer thumbnailer;
    private final MetadataReader metadata;
    private final TaskExecutor executor;
    private final Map<String, Image> cache = new LinkedHashMap<>(256, 0.75f, true);
    private long cachedPixels;
    private final Map<Image, double[]> displaySizes = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    public ImageCache(Thumbnailer thumbnailer, MetadataReader metadata, TaskExecutor executor) {
        this.thumbnailer = thumbnailer;
        this.metadata = metadata;
        this.executor = executor;
    }

    /** Sizes are rounded up to one of a few buckets so that a tile-size change reuses images. */
    static int bucket(int size) {
        int b = 128;
        while (b < size && b < 2048) {
            b *= 2;
        }
        return b;
    }

    /** The photo at (about) {@code size} pixels on its long side. */
    public void thumbnail(String path, int size, Consumer<Image> onLoaded, BooleanSupplier stillWanted) {
        int s = bucket(size);
        load("t" + s + ":" + path, onLoaded, stillWanted, () -> {
            byte[] bytes = Files.readAllBytes(Path.of(path));
            return thumbnailer.thumbnail(bytes, orientation(bytes, path), s);
        });
    }

    /** A square crop of a face. */
    public void faceCrop(FaceInfo face, int size, Consumer<Image> onLoaded, BooleanSupplier stillWanted) {
        int s = size <= 96 ? 96 : bucket(size);
        load("f" + s + ":" + face.id() + ":" + face.box(), onLoaded, stillWanted, () -> {
            byte[] bytes = Files.readAllBytes(Path.of(face.photoPath()));
            return thumbnailer.faceCrop(bytes, orientation(bytes, face.photoPath()), face.box(), s);
        });
    }

    private int orientation(byte[] bytes, String path) {
        PhotoMetadata md = metadata.read(bytes, Path.of(path).getFileName().toString());
        return md == null ? 1 : md.orientation();
    }

    private interface Decode {
        Thumbnailer.Pixels get() throws Exception;
    }

    private void load(String key, Consumer<Image> onLoaded, BooleanSupplier stillWanted, Decode decode) {
        Image hit;
        synchronized (cache) {
            hit = cache.get(key);
        }
        if (hit != null) {
            onLoaded.accept(hit);
            return;
        }
        executor.execute(BackgroundTask.of("Loading " + key, () -> {
                    Thumbnailer.Pixels px = decode.get();
                    Image img = toImage(px);
                    displaySizes.put(img, new double[] {px.displayWidth(), px.displayHeight()});
                    return img;
                })
                .onlyIf(stillWanted)
                .onSuccess(img -> {
                    put(key, img);
                    onLoaded.accept(img);
                })
                .onFailure(t -> onLoaded.accept(null)));
    }

    /** Drops every cached face crop (after "forget a person": their crops must not stay on screen). Any thread. */
    public void dropFaceCrops() {
        synchronized (cache) {
            var it = cache.entrySet().iterator();
            while (it.hasNext()) {
                var e = it.next();
                if (e.getKey().startsWith("f")) {
                    cachedPixels -= pixels(e.getValue());
                    it.remove();
                }
            }
        }
    }

    /** Width and height of the full photo as displayed, for an image this cache made (else the image's own). */
    public double[] displaySize(Image img) {
        double[] d = displaySizes.get(img);
        return d != null ? d : new double[] {img.getWidth(), img.getHeight()};
    }

    private void put(String key, Image img) {
        synchronized (cache) {
            Image old = cache.put(key, img);
            if (old != null) {
                cachedPixels -= pixels(old);
            }
            cachedPixels += pixels(img);
            var it = cache.entrySet().iterator();
            while (cachedPixels > MAX_CACHED_PIXELS && it.hasNext()) {
                var e = it.next();
                cachedPixels -= pixels(e.getValue());
                it.remove();
            }
        }
    }

    private static long pixels(Image i) {
        return (long) i.getWidth() * (long) i.getHeight();
    }

    /** Builds the image on the calling (background) thread: an image not yet shown may be made anywhere. */
    static Image toImage(Thumbnailer.Pixels p) throws PhotoReadException {
        WritableImage img = new WritableImage(p.width(), p.height());
        img.getPixelWriter().setPixels(0, 0, p.width(), p.height(), PixelFormat.getIntArgbInstance(), p.argb(), 0, p.width());
        return img;
    }
}
