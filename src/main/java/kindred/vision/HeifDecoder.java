package kindred.vision;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.AV_STREAM_GROUP_PARAMS_TILE_GRID;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_DEFAULT;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import kindred.metadata.HeifBoxes;
import kindred.model.PhotoReadException;
import kindred.model.PhotoReadException.Reason;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avformat.AVStreamGroup;
import org.bytedeco.ffmpeg.avformat.AVStreamGroupTileGrid;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * Decodes HEIF photos (HEIC from phones, Canon's .HIF, AVIF) with FFmpeg into a BGR image as stored, plus the
 * orientation the file's rotation and mirror boxes ({@code irot}, {@code imir}) give, as an EXIF orientation code.
 *
 * <p>A phone photo is not one picture but a grid of tiles (48 HEVC tiles of 512×512 for a 12 MP iPhone photo)
 * plus a small thumbnail. FFmpeg's demuxer exposes every tile as a stream and the grid as a stream group with
 * the tiles' offsets, the coded size, the output size (a crop) and the grid's display matrix; decoding the first
 * stream alone gives the thumbnail or a single tile. Here every tile is decoded with one decoder (its threads
 * decode tiles in parallel), placed, and the grid cropped to its output size. A file that is not a grid
 * decodes its primary image (the stream FFmpeg marks default).
 *
 * <p>Colour: tiles carry YUV whose matrix is often unspecified: BT.601 then, as JPEG; full range unless the
 * stream says otherwise. 10-bit HDR (PQ or HLG transfer: Canon .HIF, HDR AVIF) is tone mapped to SDR sRGB
 * by {@link HdrToneMap}. The EXIF orientation inside a HEIF file is not used: the rotation box is what viewers
 * apply, and applying both turns an iPhone portrait on its side.
 *
 * <p>Bounded: the declared grid is checked against the pixel limit before anything is decoded, every tile must
 * decode, and the whole decode stops after {@link #MAX_DECODE_SECONDS}. Stateless and thread-safe: every call
 * has its own FFmpeg contexts.
 */
final class HeifDecoder {

    static {
        NativeLibraries.load(); // first, before any JavaCPP class is touched: see NativeLibraries
        // FFmpeg's own messages are not for the user: every failure becomes a PhotoReadException with a reason.
        NativeLogging.ffmpeg();
    }

    /**
     * Longest a decode may take, in seconds. A 12 MP iPhone HEIC decodes in about 0.15 s here and a 1.7 MP AV1
     * AVIF in about 0.5 s (libaom); a photo still decoding after 30 s (a crafted file, a huge AVIF on a loaded
     * machine) is given up with a reason instead of holding a worker.
     */
    static final double MAX_DECODE_SECONDS = 30;

    /** What to do about a file cut short. */
    static final String COPY_AGAIN = "Copy it again from the phone, camera or backup it came from.";

    /** What to do about a damaged file. */
    static final String OPEN_ELSEWHERE = "Open it in another program to check; if it shows there, save a JPEG of it next to it "
            + "with the same name (IMG_0001.JPG for IMG_0001.HEIC) and Kindred will index the two as one photo.";
    /** The decoder's thread count ({@code -Dkindred.heifThreads=N} to measure); 0 lets FFmpeg pick (cores + 1). */
    static final int THREADS = Integer.getInteger("kindred.heifThreads", 0);

    /**
     * How far, as a fraction, a thumbnail item's shape may differ from the photo's and still stand for it: 2 %. An
     * iPhone's 320×240 thumbnail of a 4032×3024 photo differs by 0 %; a thumbnail of another crop would differ more.
     */
    static final double THUMBNAIL_MAX_ASPECT_MISMATCH = 0.02;

    /** Bytes FFmpeg reads from the in-memory file at a time. */
    private static final int IO_BUFFER_BYTES = 64 * 1024;

    /**
     * A decoded photo as stored.
     *
     * @param bgr         8-bit BGR, as stored (before {@code orientation}); the caller closes it
     * @param orientation the rotation and mirror boxes as an EXIF orientation code 1..8
     * @param tiles       tiles decoded (1 when the image is not a grid)
     * @param width       the output width at full size, as stored ({@code bgr} is smaller when decoded reduced)
     * @param height      the output height at full size, as stored
     */
    record Result(Mat bgr, int orientation, int tiles, int width, int height) {
    }

    private HeifDecoder() {
    }

    /**
     * Decodes the primary image.
     *
     * @param maxPixels the decompression-bomb limit: a grid that declares more coded pixels is refused
     */
    static Result decode(byte[] encoded, long maxPixels) throws PhotoReadException {
        return decode(encoded, maxPixels, 0);
    }

    /**
     * Decodes the primary image reduced by the largest power of two (up to 8) that keeps its long side at or above
     * {@code minLongSide}, as {@link PhotoDecoder#shrink} would reduce the whole image: every tile is converted and
     * area-averaged straight to its place at that size, so the full-size image is never made. A grid whose tiles,
     * offsets or crop do not divide by the factor is reduced less (never seen: phones use 512-pixel tiles).
     *
     * @param minLongSide 0 for the full size
     */
    static Result decode(byte[] encoded, long maxPixels, int minLongSide) throws PhotoReadException {
        long deadline = deadline();
        try (Demuxer dm = Demuxer.open(encoded, deadline)) {
            Primary p = dm.primary();
            if (p.codedPixels() > maxPixels || (long) p.width * p.height > maxPixels) {
                throw new PhotoReadException(Reason.TOO_LARGE, "the photo declares " + p.codedWidth + "×" + p.codedHeight
                        + " pixels, more than the " + maxPixels / 1_000_000 + " million Kindred reads");
            }
            if (p.width <= 0 || p.height <= 0 || p.codedWidth <= 0 || p.codedHeight <= 0) {
                throw new PhotoReadException(Reason.CORRUPT, "the HEIF file does not say how large its image is");
            }
            java.util.Optional<HeifBoxes.Primary> boxes = HeifBoxes.read(encoded);
            HeifBoxes.Nclx colour = boxes.map(HeifBoxes.Primary::colour).orElse(null);
            Primary thumbnail = minLongSide > 0 ? boxes.map(b -> dm.thumbnail(b, p, minLongSide)).orElse(null) : null;
            if (thumbnail != null) {
                // The phone's own small rendering is enough for a window thumbnail: a few ms instead of every tile.
                Mat small = dm.decodeTiles(thumbnail, dm.reduction(thumbnail, minLongSide), colour, deadline);
                return new Result(small, p.orientation, 1, p.width, p.height);
            }
            int factor = dm.reduction(p, minLongSide);
            Mat canvas = dm.decodeTiles(p, factor, colour, deadline);
            int cropX = p.cropX / factor;
            int cropY = p.cropY / factor;
            int outW = Math.max(1, p.width / factor);
            int outH = Math.max(1, p.height / factor);
            if (cropX == 0 && cropY == 0 && outW == canvas.cols() && outH == canvas.rows()) {
                return new Result(canvas, p.orientation, p.tiles.size(), p.width, p.height);
            }
            int w = Math.min(outW, canvas.cols() - cropX);
            int h = Math.min(outH, canvas.rows() - cropY);
            if (w <= 0 || h <= 0) {
                canvas.close();
                throw new PhotoReadException(Reason.CORRUPT, "the HEIF grid's crop lies outside its tiles");
            }
            try (Rect r = new Rect(cropX, cropY, w, h); Mat roi = new Mat(canvas, r)) {
                Mat out = roi.clone();
                canvas.close();
                // A crop reaching past the tiles (a damaged grid) keeps what there is, at full size w × factor.
                return new Result(out, p.orientation, p.tiles.size(), w == outW ? p.width : w * factor,
                        h == outH ? p.height : h * factor);
            }
        }
    }

    private static long deadline() {
        return System.nanoTime() + (long) (MAX_DECODE_SECONDS * 1e9);
    }

    /** One tile: a stream of the file and where its pixels go on the grid's canvas. */
    private record Tile(int streamIndex, int x, int y) {
    }

    /** The image to decode: a grid of tiles, or one stream as a grid of one tile. */
    private static final class Primary {
        final List<Tile> tiles = new ArrayList<>();
        int codedWidth;
        int codedHeight;
        int width;
        int height;
        int cropX;
        int cropY;
        int orientation = 1;

        long codedPixels() {
            return (long) codedWidth * codedHeight;
        }
    }

    /** An FFmpeg demuxer over the file's bytes in memory. */
    private static final class Demuxer implements AutoCloseable {
        private final MemoryInput input;
        private AVFormatContext fmt;
        private AVIOContext pb;

        private Demuxer(MemoryInput input) {
            this.input = input;
        }

        static Demuxer open(byte[] encoded, long deadline) throws PhotoReadException {
            Demuxer d = new Demuxer(MemoryInput.register(encoded, deadline));
            try {
                d.open();
                return d;
            } catch (PhotoReadException | RuntimeException e) {
                d.close();
                throw e;
            }
        }

        private void open() throws PhotoReadException {
            BytePointer buffer = new BytePointer(av_malloc(IO_BUFFER_BYTES)).capacity(IO_BUFFER_BYTES);
            pb = avio_alloc_context(buffer, IO_BUFFER_BYTES, 0, input.opaque, MemoryInput.READ, null, MemoryInput.SEEK);
            if (pb == null || pb.isNull()) {
                throw new OutOfMemoryError("FFmpeg could not allocate its input buffer");
            }
            AVFormatContext ctx = avformat_alloc_context();
            ctx.pb(pb); // FFmpeg marks the context as custom I/O: it will not close or free pb
            int err = avformat_open_input(ctx, (String) null, null, null);
            if (err < 0) {
                // avformat_open_input frees the context when it fails.
                input.checkDeadline();
                throw new PhotoReadException(input.truncatedRead() ? Reason.TRUNCATED : Reason.CORRUPT,
                        "the HEIF/AVIF container cannot be read (" + error(err) + ")" + (input.truncatedRead()
                                ? ": the file is cut short (an interrupted copy or download?). " + COPY_AGAIN : ". " + OPEN_ELSEWHERE));
            }
            fmt = ctx;
        }

        /** The primary image: the grid marked default, else the first grid, else the default video stream. */
        Primary primary() throws PhotoReadException {
            AVStreamGroup grid = null;
            for (int i = 0; i < fmt.nb_stream_groups(); i++) {
                AVStreamGroup g = fmt.stream_groups(i);
                if (g.type() == AV_STREAM_GROUP_PARAMS_TILE_GRID
                        && (grid == null || (g.disposition() & AV_DISPOSITION_DEFAULT) != 0 && (grid.disposition() & AV_DISPOSITION_DEFAULT) == 0)) {
                    grid = g;
                }
            }
            Primary p = new Primary();
            if (grid != null) {
                AVStreamGroupTileGrid tg = grid.params_tile_grid();
                p.codedWidth = tg.coded_width();
                p.codedHeight = tg.coded_height();
                p.width = tg.width();
                p.height = tg.height();
                p.cropX = tg.horizontal_offset();
                p.cropY = tg.vertical_offset();
                for (int t = 0; t < tg.nb_tiles(); t++) {
                    int idx = tg.offsets_idx(t);
                    if (idx < 0 || idx >= grid.nb_streams()) {
                        throw new PhotoReadException(Reason.CORRUPT, "the HEIF grid names a tile that is not in the file");
                    }
                    p.tiles.add(new Tile(grid.streams(idx).index(), tg.offsets_horizontal(t), tg.offsets_vertical(t)));
                }
                if (p.tiles.isEmpty()) {
                    throw new PhotoReadException(Reason.CORRUPT, "the HEIF grid has no tiles");
                }
                p.orientation = orientation(tg.coded_side_data(), tg.nb_coded_side_data());
                return p;
            }
            AVStream best = null;
            for (int i = 0; i < fmt.nb_streams(); i++) {
                AVStream s = fmt.streams(i);
                if (s.codecpar().codec_type() != AVMEDIA_TYPE_VIDEO) {
                    continue;
                }
                if (best == null || (s.disposition() & AV_DISPOSITION_DEFAULT) != 0 && (best.disposition() & AV_DISPOSITION_DEFAULT) == 0) {
                    best = s;
                }
            }
            if (best == null) {
                throw new PhotoReadException(Reason.CORRUPT, "the HEIF/AVIF file holds no image");
            }
            AVCodecParameters cp = best.codecpar();
            p.codedWidth = cp.width();
            p.codedHeight = cp.height();
            p.width = cp.width();
            p.height = cp.height();
            p.tiles.add(new Tile(best.index(), 0, 0));
            p.orientation = orientation(cp.coded_side_data(), cp.nb_coded_side_data());
            return p;
        }

        /**
         * The primary image's thumbnail item (referenced with {@code thmb}) when it is large enough for {@code
         * minLongSide}, of the same shape (within {@link #THUMBNAIL_MAX_ASPECT_MISMATCH}) and turned the same way;
         * else null. Depth and gain maps are never thumbnails: only a {@code thmb} item is taken.
         */
        Primary thumbnail(HeifBoxes.Primary boxes, Primary primary, int minLongSide) {
            for (HeifBoxes.Thumbnail t : boxes.thumbnails()) {
                for (int i = 0; i < fmt.nb_streams(); i++) {
                    AVStream s = fmt.streams(i);
                    AVCodecParameters cp = s.codecpar();
                    if (s.id() != t.itemId() || cp.codec_type() != AVMEDIA_TYPE_VIDEO || cp.width() <= 0 || cp.height() <= 0) {
                        continue;
                    }
                    double aspect = (double) cp.width() / cp.height();
                    double primaryAspect = (double) primary.width / primary.height;
                    int orientation = orientation(cp.coded_side_data(), cp.nb_coded_side_data());
                    if (Math.max(cp.width(), cp.height()) < minLongSide || orientation != primary.orientation
                            || Math.abs(aspect / primaryAspect - 1) > THUMBNAIL_MAX_ASPECT_MISMATCH) {
                        continue;
                    }
                    Primary p = new Primary();
                    p.codedWidth = cp.width();
                    p.codedHeight = cp.height();
                    p.width = cp.width();
                    p.height = cp.height();
                    p.orientation = orientation;
                    p.tiles.add(new Tile(s.index(), 0, 0));
                    return p;
                }
            }
            return null;
        }

        /**
         * The power of two (1, 2, 4 or 8) to reduce by: the largest that keeps the output's long side at or above
         * {@code minLongSide} (0: 1) and divides every tile's offset and size and the crop, so that reduced tiles
         * meet exactly.
         */
        int reduction(Primary p, int minLongSide) {
            if (minLongSide <= 0) {
                return 1;
            }
            int longSide = Math.max(p.width, p.height);
            int factor = 1;
            while (factor < 8 && longSide / (factor * 2) >= minLongSide) {
                factor *= 2;
            }
            while (factor > 1 && !divides(p, factor)) {
                factor /= 2;
            }
            return factor;
        }

        private boolean divides(Primary p, int f) {
            if (p.cropX % f != 0 || p.cropY % f != 0) {
                return false;
            }
            if (p.tiles.size() == 1 && p.tiles.get(0).x() == 0 && p.tiles.get(0).y() == 0) {
                return true; // one image: any size reduces (rounded down, as shrink does)
            }
            for (Tile t : p.tiles) {
                AVCodecParameters cp = fmt.streams(t.streamIndex()).codecpar();
                if (t.x() % f != 0 || t.y() % f != 0 || cp.width() % f != 0 || cp.height() % f != 0) {
                    return false;
                }
            }
            return true;
        }

        /** Decodes every tile onto a BGR canvas of the grid's coded size divided by {@code factor}. */
        Mat decodeTiles(Primary p, int factor, HeifBoxes.Nclx colour, long deadline) throws PhotoReadException {
            Map<Integer, List<Tile>> byStream = new HashMap<>();
            for (Tile t : p.tiles) {
                byStream.computeIfAbsent(t.streamIndex(), k -> new ArrayList<>()).add(t);
            }
            AVStream first = fmt.streams(p.tiles.get(0).streamIndex());
            AVCodec codec = avcodec_find_decoder(first.codecpar().codec_id());
            if (codec == null || codec.isNull()) {
                throw new PhotoReadException(Reason.UNSUPPORTED_FORMAT, "the photo's image codec is not one Kindred decodes");
            }
            AVCodecContext cc = avcodec_alloc_context3(codec);
            AVPacket pkt = av_packet_alloc();
            AVFrame frame = av_frame_alloc();
            TileCanvas canvas = new TileCanvas(Math.max(1, p.codedWidth / factor), Math.max(1, p.codedHeight / factor), factor,
                    p.tiles.size() == 1, new FrameColor(colour));
            try {
                if (avcodec_parameters_to_context(cc, first.codecpar()) < 0) {
                    throw new PhotoReadException(Reason.CORRUPT, "the photo's image codec parameters are damaged");
                }
                cc.thread_count(THREADS); // 0: FFmpeg picks, tiles of one grid decode in parallel
                int err = avcodec_open2(cc, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
                if (err < 0) {
                    throw new PhotoReadException(Reason.CORRUPT, "the photo's image decoder cannot start (" + error(err) + ")");
                }
                java.util.Set<Integer> decoded = new java.util.HashSet<>();
                boolean truncated = false;
                while (true) {
                    checkDeadline(deadline);
                    err = av_read_frame(fmt, pkt);
                    if (err < 0) {
                        truncated = err != AVERROR_EOF() || input.truncatedRead();
                        break;
                    }
                    try {
                        if (byStream.containsKey(pkt.stream_index()) && !decoded.contains(pkt.stream_index())) {
                            pkt.pts(pkt.stream_index());
                            if (avcodec_send_packet(cc, pkt) >= 0) {
                                receive(cc, frame, byStream, canvas, decoded, deadline);
                            }
                        }
                    } finally {
                        av_packet_unref(pkt);
                    }
                }
                avcodec_send_packet(cc, (AVPacket) null);
                receive(cc, frame, byStream, canvas, decoded, deadline);
                int missing = byStream.size() - decoded.size();
                if (missing > 0) {
                    String what = byStream.size() == 1 ? "the image" : missing + " of its " + p.tiles.size() + " tiles";
                    throw new PhotoReadException(truncated ? Reason.TRUNCATED : Reason.CORRUPT,
                            "the HEIF/AVIF photo is " + (truncated ? "cut short (an interrupted copy or download?): " : "damaged: ")
                                    + what + (missing == 1 ? " is" : " are") + " missing or cannot be decoded. "
                                    + (truncated ? COPY_AGAIN : OPEN_ELSEWHERE));
                }
                return canvas.take();
            } finally {
                canvas.close();
                av_frame_free(frame);
                av_packet_free(pkt);
                avcodec_free_context(cc);
            }
        }

        private void receive(AVCodecContext cc, AVFrame frame, Map<Integer, List<Tile>> byStream, TileCanvas canvas,
                             java.util.Set<Integer> decoded, long deadline) throws PhotoReadException {
            while (true) {
                int err = avcodec_receive_frame(cc, frame);
                if (err == AVERROR_EAGAIN() || err == AVERROR_EOF()) {
                    return;
                }
                if (err < 0) {
                    return; // a damaged tile: reported as missing once all packets are read
                }
                try {
                    checkDeadline(deadline);
                    int stream = (int) frame.pts();
                    List<Tile> places = byStream.get(stream);
                    if (places != null && decoded.add(stream)) {
                        for (Tile t : places) {
                            canvas.place(frame, t.x(), t.y(), fmt.streams(stream).codecpar());
                        }
                    }
                } finally {
                    av_frame_unref(frame);
                }
            }
        }

        private void checkDeadline(long deadline) throws PhotoReadException {
            if (System.nanoTime() > deadline) {
                throw new PhotoReadException(Reason.CORRUPT, "decoding the HEIF/AVIF photo took longer than "
                        + (int) MAX_DECODE_SECONDS + " s; it may be damaged or crafted. Open it in another program to check.");
            }
        }

        @Override
        public void close() {
            if (fmt != null) {
                avformat_close_input(fmt);
                fmt = null;
            }
            if (pb != null) {
                // The buffer may have been replaced by FFmpeg; avio_context_free does not free it.
                avutil.av_free(pb.buffer());
                avio_context_free(pb);
                pb = null;
            }
            input.unregister();
        }
    }

    /** The display matrix in {@code side} as an EXIF orientation code (1 when there is none). */
    private static int orientation(AVPacketSideData side, int count) {
        if (side == null || side.isNull() || count <= 0) {
            return 1;
        }
        AVPacketSideData sd = av_packet_side_data_get(side, count, AV_PKT_DATA_DISPLAYMATRIX);
        if (sd == null || sd.isNull() || sd.size() < 9 * 4) {
            return 1;
        }
        int[] matrix = new int[9];
        new IntPointer(sd.data()).get(matrix);
        return DisplayMatrix.toExifOrientation(matrix);
    }

    private static String error(int err) {
        byte[] buf = new byte[256];
        av_strerror(err, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The file's bytes served to FFmpeg's read and seek callbacks. The callbacks are made once (each JavaCPP
     * callback holds a native thunk) and retained, so that a {@link org.bytedeco.javacpp.PointerScope} open when this
     * class is first used (the analyzer's) does not free them; a call finds its input by the opaque pointer's address.
     */
    static final class MemoryInput {
        static {
            NativeLibraries.load(); // first: this class is used on its own (see NativeLibraries)
        }

        private static final Map<Long, MemoryInput> OPEN = new ConcurrentHashMap<>();
        private static final AtomicLong NEXT_ID = new AtomicLong(1);

        static final Read_packet_Pointer_BytePointer_int READ = new Read_packet_Pointer_BytePointer_int() {
            @Override
            public int call(Pointer opaque, BytePointer buf, int size) {
                MemoryInput in = OPEN.get(opaque.address());
                if (in == null || System.nanoTime() > in.deadline) {
                    return AVERROR_EXIT();
                }
                int n = (int) Math.min(size, in.bytes.length - in.position);
                if (n <= 0) {
                    if (size > 0) {
                        in.readPastEnd = true;
                    }
                    return AVERROR_EOF();
                }
                buf.position(0).capacity(size).put(in.bytes, (int) in.position, n);
                in.position += n;
                return n;
            }
        }.retainReference();

        static final Seek_Pointer_long_int SEEK = new Seek_Pointer_long_int() {
            @Override
            public long call(Pointer opaque, long offset, int whence) {
                MemoryInput in = OPEN.get(opaque.address());
                if (in == null) {
                    return -1;
                }
                if ((whence & AVSEEK_SIZE) != 0) {
                    return in.bytes.length;
                }
                long to = switch (whence & 0xFF) {
                    case 0 -> offset;                  // SEEK_SET
                    case 1 -> in.position + offset;    // SEEK_CUR
                    case 2 -> in.bytes.length + offset; // SEEK_END
                    default -> -1;
                };
                if (to < 0) {
                    return -1;
                }
                if (to > in.bytes.length) {
                    in.readPastEnd = true;
                    return -1;
                }
                in.position = to;
                return to;
            }
        }.retainReference();

        final byte[] bytes;
        final long deadline;
        final Pointer opaque;
        final long id;
        long position;
        volatile boolean readPastEnd;

        private MemoryInput(byte[] bytes, long deadline, long id) {
            this.bytes = bytes;
            this.deadline = deadline;
            this.id = id;
            this.opaque = new Pointer() {
                {
                    address = id;
                }
            };
        }

        static MemoryInput register(byte[] bytes, long deadline) {
            // Ids look like addresses to FFmpeg, which only hands them back; never 0 (a null opaque).
            long id = NEXT_ID.getAndIncrement();
            MemoryInput in = new MemoryInput(bytes, deadline, id);
            OPEN.put(id, in);
            return in;
        }

        void unregister() {
            OPEN.remove(id);
        }

        boolean truncatedRead() {
            return readPastEnd;
        }

        void checkDeadline() throws PhotoReadException {
            if (System.nanoTime() > deadline) {
                throw new PhotoReadException(Reason.CORRUPT, "reading the HEIF/AVIF file took longer than "
                        + (int) MAX_DECODE_SECONDS + " s; it may be damaged or crafted.");
            }
        }
    }

    /** The grid's pixels while its tiles arrive, at the grid's size divided by {@code factor}. */
    private static final class TileCanvas implements AutoCloseable {
        private final int width;
        private final int height;
        private final int factor;
        private final boolean oneTile;
        private final FrameColor color;
        private Mat bgr;

        TileCanvas(int width, int height, int factor, boolean oneTile, FrameColor color) {
            this.width = width;
            this.height = height;
            this.factor = factor;
            this.oneTile = oneTile;
            this.color = color;
        }

        /** Converts a decoded tile whose full-size place is at {@code x}, {@code y} onto the canvas. */
        void place(AVFrame frame, int x, int y, AVCodecParameters params) {
            int tw = Math.max(1, frame.width() / factor);
            int th = Math.max(1, frame.height() / factor);
            int dx = x / factor;
            int dy = y / factor;
            if (bgr == null) {
                // A single image that covers the canvas needs no clearing: every pixel is written.
                bgr = oneTile && dx == 0 && dy == 0 && tw >= width && th >= height
                        ? new Mat(height, width, opencv_core.CV_8UC3)
                        : new Mat(height, width, opencv_core.CV_8UC3, new org.bytedeco.opencv.opencv_core.Scalar(0, 0, 0, 0));
            }
            int w = Math.min(tw, width - dx);
            int h = Math.min(th, height - dy);
            if (w <= 0 || h <= 0 || dx < 0 || dy < 0) {
                return;
            }
            if (w == tw && h == th) {
                // The usual case: the tile lies wholly on the canvas, convert it straight into its place.
                try (Rect dst = new Rect(dx, dy, w, h); Mat dstRoi = new Mat(bgr, dst)) {
                    if (color.toBgrInto(frame, params, dstRoi.data(), (int) dstRoi.step(), tw, th)) {
                        return;
                    }
                }
            }
            try (Mat tile = color.toBgr(frame, params, tw, th); Rect src = new Rect(0, 0, w, h); Mat srcRoi = new Mat(tile, src);
                 Rect dst = new Rect(dx, dy, w, h); Mat dstRoi = new Mat(bgr, dst)) {
                srcRoi.copyTo(dstRoi);
            }
        }

        Mat take() {
            Mat out = bgr;
            bgr = null;
            return out;
        }

        @Override
        public void close() {
            color.close();
            if (bgr != null) {
                bgr.close();
                bgr = null;
            }
        }
    }
}
