package kindred.metadata;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.options.SerializeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kindred.library.MetadataReader;
import kindred.library.PhotoMetadata;
import kindred.library.gallery.CaptionWriter;
import kindred.library.regions.FaceRegion;

/**
 * {@link CaptionWriter} on Adobe XMP Core: the caption as {@code dc:description} (IPTC Core's "Description/Caption",
 * which exiftool reads as {@code XMP-dc:Description}), the faces as Kindred's MWG and Microsoft regions with the people
 * keywords ({@link XmpPacketRegions}, rotated into the file's stored orientation), all in the JPEG's own packet,
 * everything else in it kept, and the file replaced in one atomic step ({@link AtomicFiles}). Deterministic: the same
 * photo, caption and faces give the same bytes, so that a second export recognizes its own copy. Thread-safe.
 */
public final class XmpCaptions implements CaptionWriter {

    /** Padding left in the packet so that other programs can edit it in place (bytes), as {@link XmpRegionFiles} leaves. */
    private static final int PADDING = 2048;

    private final MetadataReader exif;
    private final AtomicFiles files = new AtomicFiles(p -> { });

    static {
        XmpPacketRegions.init();
    }

    public XmpCaptions(MetadataReader exif) {
        this.exif = exif;
    }

    @Override
    public boolean writeInto(Path copy, String caption, List<FaceRegion> faces) throws IOException {
        byte[] bytes = Files.readAllBytes(copy);
        if (!JpegXmp.isJpeg(bytes)) {
            return false;
        }
        List<JpegXmp.Segment> segs = JpegXmp.segments(bytes);
        if (JpegXmp.hasExtended(bytes, segs)) {
            return false; // extended XMP is never rewritten (docs/decisions/0005-xmp.md)
        }
        PhotoMetadata md = exif.read(bytes, copy.getFileName().toString());
        if (md.storedWidth() <= 0 || md.storedHeight() <= 0) {
            return false;
        }
        double dw = md.swapsAxes() ? md.storedHeight() : md.storedWidth();
        double dh = md.swapsAxes() ? md.storedWidth() : md.storedHeight();
        List<XmpPacketRegions.Face> stored = new ArrayList<>();
        for (FaceRegion f : faces) {
            Orientation.Rect display = clip(new Orientation.Rect(f.box().x() / dw, f.box().y() / dh, f.box().w() / dw,
                    f.box().h() / dh));
            stored.add(new XmpPacketRegions.Face(f.name(), Orientation.toStored(display, md.orientation())));
        }
        try {
            byte[] packet = JpegXmp.standardPacket(bytes, segs);
            XMPMeta m = packet == null ? XMPMetaFactory.create() : XMPMetaFactory.parseFromBuffer(packet);
            XmpPacketRegions.apply(m, stored, md.storedWidth(), md.storedHeight());
            m.setLocalizedText(XMPConst.NS_DC, "description", XMPConst.X_DEFAULT, XMPConst.X_DEFAULT, caption);
            byte[] after = XmpRegionFiles.serialize(m, new SerializeOptions().setPadding(PADDING));
            if (after.length > JpegXmp.MAX_STANDARD_PACKET) {
                after = XmpRegionFiles.serialize(m, new SerializeOptions().setPadding(0));
            }
            if (after.length > JpegXmp.MAX_STANDARD_PACKET) {
                return false;
            }
            files.write(copy, JpegXmp.withStandardPacket(bytes, segs, after));
            return true;
        } catch (XMPException e) {
            throw new IOException("its XMP is malformed (" + e.getMessage() + ")", e);
        }
    }

    private static Orientation.Rect clip(Orientation.Rect r) {
        double x0 = Math.max(0, r.x());
        double y0 = Math.max(0, r.y());
        double x1 = Math.min(1, r.x() + r.w());
        double y1 = Math.min(1, r.y() + r.h());
        return new Orientation.Rect(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }
}
