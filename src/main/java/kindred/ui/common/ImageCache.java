package kindred.ui.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
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
    /**
     * What the cache evicts down to once it is over {@link #MAX_CACHED_PIXELS}: 90 %, so that eviction (a sort of
     * the entries by last use) runs once per many insertions, not at each.
     */
    static final double EVICT_TO = 0.9;

    /**
     * The cache: a concurrent map read without a lock, so that the FX thread never waits for an image thread
     * (the FX-stall benchmark caught the FX thread waiting in a synchronized LRU map for an image thread that was
     * descheduled while it held the lock). Each entry carries the tick of its last use; eviction drops the least
     * recently used.
     */
    private final Map<String, Entry> cache = new ConcurrentHashMap<>(256);
    private final AtomicLong cachedPixels = new AtomicLong();
    private final AtomicLong clock = new AtomicLong();
    private final ReentrantLock evicting = new ReentrantLock();
    private final Map<Image, double[]> displaySizes = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** Renderings kept beside the library for photos whose drive is offline (null: none). */
    private final kindred.library.ThumbnailCache kept;

    public ImageCache(Thumbnailer thumbnailer, MetadataReader metadata, TaskExecutor executor) {
        this(thumbnailer, metadata, executor, null);
    }

    /**
     * @param kept where a rendering of each photo shown is kept, and read back when the photo's drive is offline (issue
     *             18); null for none
     */
    public ImageCache(Thumbnailer thumbnailer, MetadataReader metadata, TaskExecutor executor, kindred.library.ThumbnailCache kept) {
        this.thumbnailer = thumbnailer;
        this.metadata = metadata;
        this.executor = executor;
        this.kept = kept;
    }

    /**
     * The photo at the size bucket {@code b}: decoded from the file (and kept beside the library, once, for when its
     * drive is offline), or, when the file cannot be read, the kept rendering. Image threads only.
     */
    private Thumbnailer.Pixels decodeOrKept(String path, int b) throws Exception {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(path));
        } catch (java.io.IOException unreadable) {
            Thumbnailer.Pixels k = keptPixels(path);
            if (k == null) {
                throw unreadable;
            }
            return k;
        }
        Thumbnailer.Pixels px = thumbnailer.thumbnail(bytes, orientation(bytes, path), b);
        keep(path, px);
        return px;
    }

    /** Keeps a rendering of the photo beside the library, unless one is kept already. */
    private void keep(String path, Thumbnailer.Pixels px) {
        if (kept == null || kept.has(path)) {
            return;
        }
        try {
            int k = kindred.library.ThumbnailCache.SIDE;
            int[] argb = px.argb();
            int w = px.width();
            int h = px.height();
            if (Math.max(w, h) > k) {
                double f = (double) k / Math.max(w, h);
                int dw = Math.max(1, (int) Math.round(w * f));
                int dh = Math.max(1, (int) Math.round(h * f));
                argb = scaleDown(argb, w, h, dw, dh);
                w = dw;
                h = dh;
            }
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
            img.setRGB(0, 0, w, h, argb, 0, w);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(img, "jpg", out);
            kept.write(path, new kindred.library.ThumbnailCache.Cached(px.displayWidth(), px.displayHeight(), out.toByteArray()));
        } catch (java.io.IOException | RuntimeException e) {
            // derived data: the photo shows anyway; offline it would show its name instead
        }
    }

    /** The kept rendering of an unreadable photo as pixels, or null. */
    private Thumbnailer.Pixels keptPixels(String path) {
        if (kept == null) {
            return null;
        }
        return kept.read(path).map(c -> {
            Image img = new Image(new java.io.ByteArrayInputStream(c.jpeg()));
            if (img.isError() || img.getWidth() <= 0) {
                return null;
            }
            int w = (int) img.getWidth();
            int h = (int) img.getHeight();
            int[] argb = new int[w * h];
            img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
            return new Thumbnailer.Pixels(w, h, argb, c.displayWidth(), c.displayHeight());
        }).orElse(null);
    }

    /**
     * A face cut from the kept rendering of a photo whose file cannot be read (its drive is offline): the box with
     * half its size around it, as a square of {@code size} pixels (blurrier than a crop of the photo). Null when none
     * is kept.
     */
    private Thumbnailer.Pixels keptFaceCrop(FaceInfo face, int size) {
        Thumbnailer.Pixels t = keptPixels(face.photoPath());
        if (t == null || t.displayWidth() <= 0) {
            return null;
        }
        double k = (double) t.width() / t.displayWidth();
        kindred.model.FaceBox b = face.box();
        double side = Math.max(b.w(), b.h()) * 1.5 * k;
        int s = Math.max(1, (int) Math.min(Math.round(side), Math.min(t.width(), t.height())));
        int x0 = (int) Math.max(0, Math.min(t.width() - s, Math.round((b.x() + b.w() / 2) * k - s / 2.0)));
        int y0 = (int) Math.max(0, Math.min(t.height() - s, Math.round((b.y() + b.h() / 2) * k - s / 2.0)));
        int[] square = new int[s * s];
        for (int y = 0; y < s; y++) {
            System.arraycopy(t.argb(), (y0 + y) * t.width() + x0, square, y * s, s);
        }
        return new Thumbnailer.Pixels(s, s, square, t.displayWidth(), t.displayHeight());
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
        load("t" + s + ":" + path, onLoaded, stillWanted, () -> decodeOrKept(path, s));
    }

    /** Receives an image and whether it was made for the size asked (else it is another size, to scale meanwhile). */
    public interface TileConsumer {
        void accept(Image img, boolean exact);
    }

    /**
     * The photo scaled to fit a {@code size}×{@code size} tile exactly, made on the image threads from the cached
     * thumbnail of the next bucket up (decoded once), so that the renderer draws it 1:1 and a change of tile size
     * costs a rescale of a small image, not a decode. If no image of that size is cached yet, a cached thumbnail
     * of the photo at another size is handed over at once ({@code exact} false), then the exact one.
     */
    public void tile(String path, int size, TileConsumer onLoaded, BooleanSupplier stillWanted) {
        String key = "s" + size + ":" + path;
        Image hit;
        Image other = null;
        int b = bucket(size);
        hit = get(key);
        if (hit == null) {
            for (int s = b; s >= 128 && other == null; s /= 2) {
                other = get("t" + s + ":" + path);
            }
            for (int s = b * 2; s <= 2048 && other == null; s *= 2) {
                other = get("t" + s + ":" + path);
            }
        }
        if (hit != null) {
            onLoaded.accept(hit, true);
            return;
        }
        if (other != null) {
            onLoaded.accept(other, false);
        }
        executor.execute(BackgroundTask.of("Scaling " + key, () -> {
                    String bucketKey = "t" + b + ":" + path;
                    Image source = get(bucketKey);
                    if (source == null) {
                        Thumbnailer.Pixels px = decodeOrKept(path, b);
                        source = toImage(px);
                        displaySizes.put(source, new double[] {px.displayWidth(), px.displayHeight()});
                        put(bucketKey, source);
                    }
                    return fit(source, size);
                })
                .onlyIf(stillWanted)
                .onSuccess(img -> {
                    put(key, img);
                    onLoaded.accept(img, true);
                })
                .onFailure(t -> onLoaded.accept(null, true)));
    }

    /**
     * {@code source} scaled down to fit {@code size}×{@code size} (aspect kept) by area averaging; never
     * enlarged (the view scales a small photo up). Any thread: the image is not in a scene.
     */
    static Image fit(Image source, int size) {
        int sw = (int) source.getWidth();
        int sh = (int) source.getHeight();
        double k = Math.min((double) size / sw, (double) size / sh);
        int dw = Math.max(1, (int) Math.round(sw * k));
        int dh = Math.max(1, (int) Math.round(sh * k));
        if (k >= 1 || (dw == sw && dh == sh)) {
            return source;
        }
        int[] src = new int[sw * sh];
        source.getPixelReader().getPixels(0, 0, sw, sh, PixelFormat.getIntArgbInstance(), src, 0, sw);
        int[] dst = scaleDown(src, sw, sh, dw, dh);
        WritableImage img = new WritableImage(dw, dh);
        img.getPixelWriter().setPixels(0, 0, dw, dh, PixelFormat.getIntArgbInstance(), dst, 0, dw);
        return img;
    }

    /** Area-averaging downscale of opaque ARGB pixels (each target pixel is the mean of the source area it covers). */
    static int[] scaleDown(int[] src, int sw, int sh, int dw, int dh) {
        // Horizontal pass into float channels, then vertical.
        float[] tmp = new float[dw * sh * 3];
        Span[] xs = spans(sw, dw);
        for (int y = 0; y < sh; y++) {
            int row = y * sw;
            for (int x = 0; x < dw; x++) {
                Span s = xs[x];
                float r = 0;
                float g = 0;
                float bl = 0;
                for (int i = 0; i < s.weights.length; i++) {
                    int p = src[row + s.first + i];
                    float w = s.weights[i];
                    r += w * ((p >> 16) & 0xff);
                    g += w * ((p >> 8) & 0xff);
                    bl += w * (p & 0xff);
                }
                int o = (y * dw + x) * 3;
                tmp[o] = r;
                tmp[o + 1] = g;
                tmp[o + 2] = bl;
            }
        }
        int[] dst = new int[dw * dh];
        Span[] ys = spans(sh, dh);
        for (int y = 0; y < dh; y++) {
            Span s = ys[y];
            for (int x = 0; x < dw; x++) {
                float r = 0;
                float g = 0;
                float bl = 0;
                for (int i = 0; i < s.weights.length; i++) {
                    int o = ((s.first + i) * dw + x) * 3;
                    float w = s.weights[i];
                    r += w * tmp[o];
                    g += w * tmp[o + 1];
                    bl += w * tmp[o + 2];
                }
                dst[y * dw + x] = 0xff000000 | channel(r) << 16 | channel(g) << 8 | channel(bl);
            }
        }
        return dst;
    }

    private static int channel(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }

    /** The source pixels one target pixel covers, and how much of each (weights sum to 1). */
    private record Span(int first, float[] weights) {
    }

    private static Span[] spans(int from, int to) {
        double scale = (double) from / to;
        Span[] spans = new Span[to];
        for (int d = 0; d < to; d++) {
            double a = d * scale;
            double b = Math.min(from, a + scale);
            int first = (int) Math.floor(a);
            int last = Math.min(from - 1, (int) Math.ceil(b) - 1);
            float[] w = new float[last - first + 1];
            for (int i = first; i <= last; i++) {
                w[i - first] = (float) ((Math.min(i + 1, b) - Math.max(i, a)) / scale);
            }
            spans[d] = new Span(first, w);
        }
        return spans;
    }

    /** A square crop of a face. */
    public void faceCrop(FaceInfo face, int size, Consumer<Image> onLoaded, BooleanSupplier stillWanted) {
        int s = size <= 96 ? 96 : bucket(size);
        load("f" + s + ":" + face.id() + ":" + face.box(), onLoaded, stillWanted, () -> {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(Path.of(face.photoPath()));
            } catch (java.io.IOException offline) {
                Thumbnailer.Pixels k = keptFaceCrop(face, s); // its drive is not there: from the kept rendering
                if (k == null) {
                    throw offline;
                }
                return k;
            }
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
        Image hit = get(key);
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
        for (var e : cache.entrySet()) {
            if (e.getKey().startsWith("f") && cache.remove(e.getKey(), e.getValue())) {
                cachedPixels.addAndGet(-e.getValue().pixels);
            }
        }
    }

    /** Width and height of the full photo as displayed, for an image this cache made (else the image's own). */
    public double[] displaySize(Image img) {
        double[] d = displaySizes.get(img);
        return d != null ? d : new double[] {img.getWidth(), img.getHeight()};
    }

    /** One cached image and the tick of its last use. */
    private static final class Entry {
        final Image image;
        final long pixels;
        volatile long used;

        Entry(Image image, long used) {
            this.image = image;
            this.pixels = pixels(image);
            this.used = used;
        }
    }

    /** The cached image, marked as just used; null if none. Any thread, no lock. */
    private Image get(String key) {
        Entry e = cache.get(key);
        if (e == null) {
            return null;
        }
        e.used = clock.incrementAndGet();
        return e.image;
    }

    /** Caches {@code img}; over the budget, drops the least recently used down to {@link #EVICT_TO} of it. Any thread. */
    private void put(String key, Image img) {
        Entry e = new Entry(img, clock.incrementAndGet());
        Entry old = cache.put(key, e);
        long total = cachedPixels.addAndGet(e.pixels - (old == null ? 0 : old.pixels));
        // One thread evicts at a time; the others go on (the cache may be over budget by their images meanwhile).
        if (total > MAX_CACHED_PIXELS && evicting.tryLock()) {
            try {
                List<Map.Entry<String, Entry>> byUse = new ArrayList<>(cache.entrySet());
                byUse.sort(Comparator.comparingLong(x -> x.getValue().used));
                for (var x : byUse) {
                    if (cachedPixels.get() <= MAX_CACHED_PIXELS * EVICT_TO) {
                        break;
                    }
                    if (cache.remove(x.getKey(), x.getValue())) {
                        cachedPixels.addAndGet(-x.getValue().pixels);
                    }
                }
            } finally {
                evicting.unlock();
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
