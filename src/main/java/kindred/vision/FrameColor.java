package kindred.vision;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_CL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_NCL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_FCC;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE240M;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_RESERVED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_ARIB_STD_B67;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_SMPTE2084;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB48LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_BT2020;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_FCC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU601;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU709;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_SMPTE240M;
import static org.bytedeco.ffmpeg.global.swscale.SWS_FULL_CHR_H_INT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Turns decoded YUV frames into 8-bit BGR with the colour facts HEIF photos need: a matrix left unspecified is
 * BT.601 and a range left unspecified is full (as in JPEG, which is what phone encoders assume); 10-bit HDR frames
 * (PQ or HLG transfer) are tone mapped to SDR by {@link HdrToneMap}. One converter serves the tiles of one photo
 * (the scaler context is reused while the tiles' format stays the same). Not thread-safe.
 */
final class FrameColor implements AutoCloseable {

    static {
        NativeLibraries.load(); // first, before any JavaCPP class is touched: see NativeLibraries
    }

    private SwsContext sws;

    /**
     * The container's colour description (a HEIF {@code colr} box of type {@code nclx}), which FFmpeg does not pass
     * on to the decoded frames; it wins over the stream's own (as in libheif). Null when the file has none.
     */
    private final kindred.metadata.HeifBoxes.Nclx container;

    FrameColor(kindred.metadata.HeifBoxes.Nclx container) {
        this.container = container;
    }

    /** The frame as 8-bit BGR, same size; the caller closes it. */
    Mat toBgr(AVFrame frame, AVCodecParameters params) {
        return toBgr(frame, params, frame.width(), frame.height());
    }

    /**
     * The frame as 8-bit BGR scaled to {@code w}×{@code h} (area-averaged when smaller: a power-of-two reduction
     * gives what {@link PhotoDecoder#shrink} gives); the caller closes it.
     */
    Mat toBgr(AVFrame frame, AVCodecParameters params, int w, int h) {
        int trc = transfer(frame, params);
        boolean hdr = bitDepth(frame.format()) > 8 && (trc == AVCOL_TRC_SMPTE2084 || trc == AVCOL_TRC_ARIB_STD_B67);
        Mat out = new Mat(h, w, hdr ? opencv_core.CV_16UC3 : opencv_core.CV_8UC3);
        try {
            scale(frame, params, hdr ? AV_PIX_FMT_RGB48LE : AV_PIX_FMT_BGR24, out.data(), (int) out.step(), w, h);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        if (!hdr) {
            return out;
        }
        try (Mat rgb16 = out) {
            return HdrToneMap.toBgr8(rgb16, trc == AVCOL_TRC_SMPTE2084 ? HdrToneMap.Transfer.PQ : HdrToneMap.Transfer.HLG,
                    isBt2020(frame, params));
        }
    }

    /**
     * Converts (and scales) an SDR frame straight into 8-bit BGR memory the caller owns, such as a tile's place on
     * the canvas: no intermediate image, no copy. False, with nothing written, for an HDR frame (it needs
     * {@link #toBgr}'s tone mapping).
     */
    boolean toBgrInto(AVFrame frame, AVCodecParameters params, BytePointer dst, int dstStride, int w, int h) {
        int trc = transfer(frame, params);
        if (bitDepth(frame.format()) > 8 && (trc == AVCOL_TRC_SMPTE2084 || trc == AVCOL_TRC_ARIB_STD_B67)) {
            return false;
        }
        scale(frame, params, AV_PIX_FMT_BGR24, dst, dstStride, w, h);
        return true;
    }

    /** Scaler flags: bilinear at the same size, area averaging when reducing; exact rounding, full chroma. */
    static int swsFlags(boolean reducing) {
        return (reducing ? SWS_AREA : SWS_BILINEAR) | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT;
    }

    private void scale(AVFrame frame, AVCodecParameters params, int outFormat, BytePointer dst, int dstStride, int w, int h) {
        int sw = frame.width();
        int sh = frame.height();
        int format = frame.format();
        int range = container != null ? (container.fullRange() ? AVCOL_RANGE_JPEG : AVCOL_RANGE_MPEG) : range(frame, params);
        int matrix = swsMatrix(container != null && container.matrix() != AVCOL_SPC_UNSPECIFIED ? container.matrix() : frame.colorspace(), params);
        sws = sws_getCachedContext(sws, sw, sh, format, w, h, outFormat, swsFlags(w < sw || h < sh), null, null, (double[]) null);
        if (sws == null || sws.isNull()) {
            throw new IllegalStateException("FFmpeg cannot convert pixel format " + format);
        }
        IntPointer coeffs = sws_getCoefficients(matrix);
        sws_setColorspaceDetails(sws, coeffs, range == AVCOL_RANGE_MPEG ? 0 : 1, sws_getCoefficients(SWS_CS_DEFAULT), 1,
                0, 1 << 16, 1 << 16);
        try (PointerPointer<BytePointer> dstPlanes = new PointerPointer<>(1); IntPointer dstStrides = new IntPointer(1)) {
            dstPlanes.put(0, dst);
            dstStrides.put(0, dstStride);
            sws_scale(sws, new PointerPointer<>(frame.data()), frame.linesize(), 0, sh, dstPlanes, dstStrides);
        }
    }

    /** The transfer: the container's, else the frame's, else the stream's. */
    private int transfer(AVFrame frame, AVCodecParameters params) {
        if (container != null && container.transfer() != AVCOL_TRC_UNSPECIFIED) {
            return container.transfer();
        }
        return frame.color_trc() != AVCOL_TRC_UNSPECIFIED ? frame.color_trc() : params.color_trc();
    }

    private static int range(AVFrame frame, AVCodecParameters params) {
        int f = frame.format();
        if (f == AV_PIX_FMT_YUVJ420P || f == AV_PIX_FMT_YUVJ422P || f == AV_PIX_FMT_YUVJ444P
                || f == AV_PIX_FMT_YUVJ440P || f == AV_PIX_FMT_YUVJ411P) {
            return AVCOL_RANGE_JPEG;
        }
        if (frame.color_range() == AVCOL_RANGE_MPEG || frame.color_range() == AVCOL_RANGE_JPEG) {
            return frame.color_range();
        }
        if (params.color_range() == AVCOL_RANGE_MPEG || params.color_range() == AVCOL_RANGE_JPEG) {
            return params.color_range();
        }
        return AVCOL_RANGE_JPEG;
    }

    private static int swsMatrix(int frameColorspace, AVCodecParameters params) {
        int spc = frameColorspace;
        if (spc == AVCOL_SPC_UNSPECIFIED || spc == AVCOL_SPC_RESERVED) {
            spc = params.color_space();
        }
        if (spc == AVCOL_SPC_BT709) {
            return SWS_CS_ITU709;
        }
        if (spc == AVCOL_SPC_BT2020_NCL || spc == AVCOL_SPC_BT2020_CL) {
            return SWS_CS_BT2020;
        }
        if (spc == AVCOL_SPC_SMPTE240M) {
            return SWS_CS_SMPTE240M;
        }
        if (spc == AVCOL_SPC_FCC) {
            return SWS_CS_FCC;
        }
        return SWS_CS_ITU601; // BT.601 / BT.470BG / SMPTE 170M, and unspecified (the JPEG convention)
    }

    private boolean isBt2020(AVFrame frame, AVCodecParameters params) {
        int p = container != null && container.primaries() != org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_UNSPECIFIED
                ? container.primaries()
                : frame.color_primaries() != org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_UNSPECIFIED ? frame.color_primaries() : params.color_primaries();
        // HDR photos are BT.2020 unless they say otherwise (Canon's HIF, HDR AVIF).
        return p == org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT2020 || p == org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_UNSPECIFIED;
    }

    private static int bitDepth(int pixelFormat) {
        AVPixFmtDescriptor d = av_pix_fmt_desc_get(pixelFormat);
        return d == null || d.isNull() ? 8 : d.comp(0).depth();
    }

    @Override
    public void close() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
    }
}
