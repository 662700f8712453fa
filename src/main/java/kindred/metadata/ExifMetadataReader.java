package kindred.metadata;

import com.drew.imaging.FileType;
import com.drew.imaging.FileTypeDetector;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.bmp.BmpHeaderDirectory;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.gif.GifHeaderDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.webp.WebpDirectory;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;
import kindred.library.MetadataReader;
import kindred.library.PhotoMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads format, stored pixel size, EXIF orientation and date taken with metadata-extractor.
 * Thread-safe (stateless). Bad or missing metadata never throws: the value is left unknown
 * (orientation 1, size 0, date null), and decoding decides whether the photo is usable.
 */
public final class ExifMetadataReader implements MetadataReader {

    private static final Logger LOG = LoggerFactory.getLogger(ExifMetadataReader.class);

    @Override
    public PhotoMetadata read(byte[] encoded, String fileName) {
        PhotoMetadata raw = cameraRaw(encoded, fileName);
        if (raw != null) {
            return raw;
        }
        String format = format(encoded);
        if (encoded.length == 0) {
            return new PhotoMetadata(null, 0, 0, 1, null);
        }
        if ("heif".equals(HeifBoxes.kind(encoded))) {
            return heif(encoded, fileName);
        }
        Metadata md;
        try {
            md = ImageMetadataReader.readMetadata(new ByteArrayInputStream(encoded), encoded.length);
        } catch (Exception | StackOverflowError e) {
            // Not fatal: decoding will tell whether the pixels are usable.
            LOG.debug("no readable metadata in {}: {}", fileName, e.toString());
            return new PhotoMetadata(format, 0, 0, 1, null);
        }
        int orientation = orientation(md);
        int[] size = size(md);
        return new PhotoMetadata(format, size[0], size[1], orientation, takenAt(md));
    }

    /**
     * A HEIC/HEIF/AVIF photo: size and orientation from its boxes (the grid's output size, the rotation box), the
     * date from its EXIF item. metadata-extractor reports a grid's first tile as the image size.
     */
    private static PhotoMetadata heif(byte[] encoded, String fileName) {
        java.util.Optional<HeifBoxes.Primary> primary = HeifBoxes.read(encoded);
        if (primary.isEmpty()) {
            LOG.debug("no readable HEIF boxes in {}", fileName);
            return new PhotoMetadata("heif", 0, 0, 1, null);
        }
        HeifBoxes.Primary p = primary.get();
        LocalDateTime taken = null;
        if (p.exif() != null) {
            try {
                Metadata md = new Metadata();
                new com.drew.metadata.exif.ExifReader().extract(new com.drew.lang.ByteArrayReader(p.exif()), md, 0);
                taken = takenAt(md);
            } catch (Exception | StackOverflowError e) {
                LOG.debug("unreadable EXIF item in {}: {}", fileName, e.toString());
            }
        }
        return new PhotoMetadata("heif", p.width(), p.height(), p.orientation(), taken);
    }

    /**
     * A camera RAW's metadata as its own structure says, or null when the content is not a RAW (a JPEG named
     * .nef is a JPEG). metadata-extractor reports a RAW's thumbnail size, so RAWs are read by RawPreviews.
     */
    private static PhotoMetadata cameraRaw(byte[] encoded, String fileName) {
        return RawPreviews.inspect(encoded, fileName)
                .map(raw -> new PhotoMetadata("raw", raw.width(), raw.height(), raw.orientation(), raw.takenAt()))
                .orElse(null);
    }

    static String format(byte[] encoded) {
        try {
            FileType t = FileTypeDetector.detectFileType(new BufferedInputStream(new ByteArrayInputStream(encoded)));
            return switch (t) {
                case Unknown -> null;
                case Jpeg -> "jpeg";
                case Tiff -> "tiff";
                case Png -> "png";
                case WebP -> "webp";
                case Bmp -> "bmp";
                case Gif -> "gif";
                case Heif -> "heif";
                case QuickTime, Mp4 -> "video";
                case Arw, Crw, Cr2, Nef, Orf, Raf, Rw2 -> "raw";
                default -> t.name().toLowerCase(Locale.ROOT);
            };
        } catch (IOException e) {
            return null;
        }
    }

    private static int orientation(Metadata md) {
        for (ExifIFD0Directory d : md.getDirectoriesOfType(ExifIFD0Directory.class)) {
            Integer o = d.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
            if (o != null) {
                return o >= 1 && o <= 8 ? o : 1;
            }
        }
        return 1;
    }

    private static int[] size(Metadata md) {
        int[] s = first(md, JpegDirectory.class, JpegDirectory.TAG_IMAGE_WIDTH, JpegDirectory.TAG_IMAGE_HEIGHT);
        if (s == null) s = first(md, PngDirectory.class, PngDirectory.TAG_IMAGE_WIDTH, PngDirectory.TAG_IMAGE_HEIGHT);
        if (s == null) s = first(md, WebpDirectory.class, WebpDirectory.TAG_IMAGE_WIDTH, WebpDirectory.TAG_IMAGE_HEIGHT);
        if (s == null) s = first(md, BmpHeaderDirectory.class, BmpHeaderDirectory.TAG_IMAGE_WIDTH, BmpHeaderDirectory.TAG_IMAGE_HEIGHT);
        if (s == null) s = first(md, GifHeaderDirectory.class, GifHeaderDirectory.TAG_IMAGE_WIDTH, GifHeaderDirectory.TAG_IMAGE_HEIGHT);
        if (s == null) s = first(md, ExifIFD0Directory.class, ExifIFD0Directory.TAG_IMAGE_WIDTH, ExifIFD0Directory.TAG_IMAGE_HEIGHT);
        return s == null ? new int[] {0, 0} : s;
    }

    private static <T extends Directory> int[] first(Metadata md, Class<T> type, int wTag, int hTag) {
        for (T d : md.getDirectoriesOfType(type)) {
            Integer w = d.getInteger(wTag);
            Integer h = d.getInteger(hTag);
            if (w != null && h != null && w > 0 && h > 0) {
                return new int[] {w, h};
            }
        }
        return null;
    }

    private static LocalDateTime takenAt(Metadata md) {
        for (ExifSubIFDDirectory d : md.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
            // EXIF dates carry no zone: read them as wall-clock time.
            Date date = d.getDateOriginal(TimeZone.getTimeZone(ZoneOffset.UTC));
            if (date != null) {
                return LocalDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC);
            }
        }
        return null;
    }
}
