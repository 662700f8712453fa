package kindred.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import kindred.metadata.RawPreviews.Preview;
import kindred.metadata.RawPreviews.RawImage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RawPreviewsTest {

    // ---- real files: ../shared/fixtures/formats/raw (MANIFEST.tsv there says where each comes from) ----

    private static Path rawFixtures() {
        String shared = System.getProperty("kindred.shared");
        Path dir = shared == null ? null : Path.of(shared, "fixtures", "formats", "raw");
        boolean present = dir != null && Files.isDirectory(dir);
        if (!present) {
            System.out.println("SKIPPED: the shared RAW fixtures are absent (system property kindred.shared = "
                    + shared + ", expected fixtures/formats/raw under it)");
        }
        Assumptions.assumeTrue(present, "the shared RAW fixtures are absent (kindred.shared = " + shared + ")");
        return dir;
    }

    private static byte[] fixtureBytes(String name) throws IOException {
        return Files.readAllBytes(rawFixtures().resolve(name));
    }

    private static RawImage inspectFixture(String name) throws IOException {
        Optional<RawImage> raw = RawPreviews.inspect(fixtureBytes(name), name);
        assertThat(raw).as(name + " is a camera RAW").isPresent();
        return raw.get();
    }

    /** Checks the largest preview's SOF size and that ImageIO decodes its bytes to that size. */
    private static void assertLargestPreviewDecodesTo(String name, int width, int height) throws IOException {
        byte[] file = fixtureBytes(name);
        Preview largest = RawPreviews.inspect(file, name).orElseThrow().largest().orElseThrow();
        assertThat(largest.width()).isEqualTo(width);
        assertThat(largest.height()).isEqualTo(height);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(
                Arrays.copyOfRange(file, largest.offset(), largest.offset() + largest.length())));
        assertThat(decoded).as("ImageIO decodes the preview of " + name).isNotNull();
        assertThat(decoded.getWidth()).isEqualTo(width);
        assertThat(decoded.getHeight()).isEqualTo(height);
    }

    @Test
    void cr3FallsBackToItsPrvwPreviewWhenTheFullSizeJpegIsPrunedFromMdat() throws IOException {
        assertLargestPreviewDecodesTo("canon_r6_pruned.cr3", 1620, 1080);
    }

    @Test
    void nefLargestPreviewIsTheFullSizeJpgFromRawThoughTheRawDataIsTruncated() throws IOException {
        assertLargestPreviewDecodesTo("nikon_d7100_truncated.nef", 6000, 4000);
    }

    @Test
    void arwLargestPreviewIsTheCamerasPreview() throws IOException {
        assertLargestPreviewDecodesTo("sony_slt-a55v_truncated.arw", 1616, 1080);
    }

    @Test
    void crwLargestPreviewIsItsCiffJpgFromRawRecord() throws IOException {
        assertLargestPreviewDecodesTo("canon_eos_d30_complete.crw", 1440, 960);
    }

    /**
     * Expected values read once with exiftool 12.57: {@code exiftool -n -Orientation -ImageSize -DateTimeOriginal
     * FILE}. The CRW has no Orientation tag (exiftool prints none; its CIFF Rotation is 0), hence 1.
     */
    @ParameterizedTest
    @CsvSource({
        "canon_eos_d30_complete.crw,  crw, 1, 2160, 1440, 2018-01-01T13:03:32",
        "canon_r6_pruned.cr3,         cr3, 1, 5472, 3648, 2025-09-06T20:24:47",
        "gopro_hero8_complete.gpr,    gpr, 2, 4000, 3000, 2020-05-28T04:47:27",
        "nikon_d7100_truncated.nef,   nef, 1, 6036, 4020, 2013-09-03T09:45:16",
        "nikon_z9_jxl_dng1.7.dng,     dng, 1, 5392, 3592, 2025-08-10T19:02:53",
        "sony_slt-a55v_truncated.arw, arw, 1, 4928, 3280, 2017-10-22T11:54:20",
    })
    void formatOrientationSizeAndDateAreWhatExiftoolReads(String name, String format, int orientation, int width,
            int height, String takenAt) throws IOException {
        RawImage raw = inspectFixture(name);
        assertThat(raw.format()).isEqualTo(format);
        assertThat(raw.orientation()).isEqualTo(orientation);
        assertThat(raw.width()).isEqualTo(width);
        assertThat(raw.height()).isEqualTo(height);
        assertThat(raw.takenAt()).isEqualTo(LocalDateTime.parse(takenAt));
    }

    @Test
    void goProGprIsARawWithNoPreviewAtAll() throws IOException {
        RawImage raw = inspectFixture("gopro_hero8_complete.gpr");
        assertThat(raw.previews()).isEmpty();
        assertThat(raw.largest()).isEmpty();
    }

    @Test
    void jpegXlDngHasOnlyPreviewsTooSmallForFaces() throws IOException {
        RawImage raw = inspectFixture("nikon_z9_jxl_dng1.7.dng");
        // Its 640x424 (Nikon PreviewIFD) and 256x171 (IFD0) previews are JPEGs; the raw data is JPEG XL.
        assertThat(raw.previews()).extracting(Preview::longSide).containsExactly(640, 256);
        assertThat(raw.previews()).allMatch(p -> p.longSide() < RawPreviews.MIN_USABLE_PREVIEW_LONG_SIDE_PX);
        assertThat(raw.usablePreview()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"CanonRaw.cr2, cr2", "CanonRaw.cr3, cr3", "DNG.dng, dng", "FujiFilm.raf, raf", "Nikon.nef, nef",
        "Panasonic.rw2, rw2"})
    void strippedFilesAreRecognisedByFormatWithNoUsablePreview(String name, String format) throws IOException {
        RawImage raw = inspectFixture("stripped-exiftool/" + name);
        assertThat(raw.format()).isEqualTo(format);
        assertThat(raw.usablePreview()).isEmpty();
    }

    // ---- synthetic files built here ----

    private static byte[] jpeg(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "jpg", out)).isTrue();
        return out.toByteArray();
    }

    /** A little-endian file under construction; IFD entries are {tag, type, count, value or offset}. */
    private static final class Layout {
        final ByteBuffer buf;

        Layout(int size) {
            buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        }

        Layout tiffHeader(int magic, int firstIfd) {
            buf.put(0, (byte) 'I').put(1, (byte) 'I').putShort(2, (short) magic).putInt(4, firstIfd);
            return this;
        }

        Layout ifd(int at, int next, int[]... entries) {
            buf.putShort(at, (short) entries.length);
            for (int i = 0; i < entries.length; i++) {
                int e = at + 2 + 12 * i;
                buf.putShort(e, (short) entries[i][0]).putShort(e + 2, (short) entries[i][1])
                        .putInt(e + 4, entries[i][2]).putInt(e + 8, entries[i][3]);
            }
            buf.putInt(at + 2 + 12 * entries.length, next);
            return this;
        }

        Layout bytes(int at, byte[] data) {
            buf.put(at, data, 0, data.length);
            return this;
        }

        byte[] array() {
            return buf.array();
        }
    }

    private static final int SHORT = 3;
    private static final int LONG = 4;
    private static final int BYTE = 1;
    private static final int UNDEFINED = 7;
    private static final int ASCII = 2;

    /** CR2-like: "CR" at offset 8, IFD0 with Make, Orientation 6 and JPEGInterchangeFormat(Length). */
    private static byte[] cr2Like(byte[] jpeg, int jpegOffsetField, int jpegLengthField) {
        int jpegAt = 256;
        Layout l = new Layout(jpegAt + jpeg.length).tiffHeader(42, 16).bytes(8, "CR".getBytes(StandardCharsets.US_ASCII))
                .bytes(200, "Canon\0".getBytes(StandardCharsets.US_ASCII))
                .ifd(16, 0, new int[] {0x010F, ASCII, 6, 200}, new int[] {0x0112, SHORT, 1, 6},
                        new int[] {0x0201, LONG, 1, jpegOffsetField}, new int[] {0x0202, LONG, 1, jpegLengthField})
                .bytes(jpegAt, jpeg);
        return l.array();
    }

    private static byte[] cr2Like(byte[] jpeg) {
        return cr2Like(jpeg, 256, jpeg.length);
    }

    @Test
    void cr2LikeTiffYieldsTheJpegOfIfd0AndItsOrientation() throws IOException {
        RawImage raw = RawPreviews.inspect(cr2Like(jpeg(1200, 800)), "IMG_1.CR2").orElseThrow();
        assertThat(raw.format()).isEqualTo("cr2");
        assertThat(raw.orientation()).isEqualTo(6);
        assertThat(raw.previews()).containsExactly(new Preview(256, jpeg(1200, 800).length, 1200, 800));
        assertThat(raw.width()).as("no size tags: the largest preview's").isEqualTo(1200);
    }

    @Test
    void cr2IsRecognisedByContentWhateverItsName() throws IOException {
        assertThat(RawPreviews.inspect(cr2Like(jpeg(64, 48)), "renamed.tif")).map(RawImage::format).contains("cr2");
    }

    @Test
    void dngLikeSubIfdPreviewIsFound() throws IOException {
        byte[] jpeg = jpeg(1600, 1200);
        int jpegAt = 512;
        byte[] file = new Layout(jpegAt + jpeg.length).tiffHeader(42, 8)
                .ifd(8, 0, new int[] {0x00FE, LONG, 1, 1}, new int[] {0x0112, SHORT, 1, 8},
                        new int[] {0x014A, LONG, 1, 200}, new int[] {0xC612, BYTE, 4, 0x0401})
                .ifd(200, 0, new int[] {0x00FE, LONG, 1, 1}, new int[] {0x0100, LONG, 1, 1600},
                        new int[] {0x0101, LONG, 1, 1200}, new int[] {0x0103, SHORT, 1, 7},
                        new int[] {0x0111, LONG, 1, jpegAt}, new int[] {0x0117, LONG, 1, jpeg.length})
                .bytes(jpegAt, jpeg).array();
        RawImage raw = RawPreviews.inspect(file, "x.dng").orElseThrow();
        assertThat(raw.format()).isEqualTo("dng");
        assertThat(raw.orientation()).isEqualTo(8);
        assertThat(raw.usablePreview()).contains(new Preview(jpegAt, jpeg.length, 1600, 1200));
    }

    @Test
    void rafHeaderPointsToTheJpegAndGivesTheCroppedSize() throws IOException {
        byte[] jpeg = jpeg(1920, 1280);
        int directory = 120;
        int jpegAt = 160;
        ByteBuffer b = ByteBuffer.allocate(jpegAt + jpeg.length).order(ByteOrder.BIG_ENDIAN);
        b.put(0, "FUJIFILMCCD-RAW 0201FF392201".getBytes(StandardCharsets.US_ASCII));
        b.putInt(84, jpegAt).putInt(88, jpeg.length).putInt(92, directory);
        // One record: 0x111 RawImageCroppedSize, height then width.
        b.putInt(directory, 1).putShort(directory + 4, (short) 0x111).putShort(directory + 6, (short) 4)
                .putShort(directory + 8, (short) 4000).putShort(directory + 10, (short) 6000);
        b.put(jpegAt, jpeg);
        RawImage raw = RawPreviews.inspect(b.array(), "DSCF1.RAF").orElseThrow();
        assertThat(raw.format()).isEqualTo("raf");
        assertThat(raw.width()).isEqualTo(6000);
        assertThat(raw.height()).isEqualTo(4000);
        assertThat(raw.largest()).contains(new Preview(jpegAt, jpeg.length, 1920, 1280));
    }

    @Test
    void rw2JpgFromRawTagHoldsAWholeJpeg() throws IOException {
        byte[] jpeg = jpeg(1920, 1440);
        int jpegAt = 128;
        byte[] file = new Layout(jpegAt + jpeg.length).tiffHeader(0x55, 8)
                .ifd(8, 0, new int[] {0x0004, SHORT, 1, 6}, new int[] {0x0005, SHORT, 1, 8},
                        new int[] {0x0006, SHORT, 1, 2742}, new int[] {0x0007, SHORT, 1, 3656},
                        new int[] {0x002E, UNDEFINED, jpeg.length, jpegAt}, new int[] {0x0112, SHORT, 1, 3})
                .bytes(jpegAt, jpeg).array();
        RawImage raw = RawPreviews.inspect(file, "P1.RW2").orElseThrow();
        assertThat(raw.format()).isEqualTo("rw2");
        assertThat(raw.orientation()).isEqualTo(3);
        assertThat(raw.width()).as("sensor borders: right - left").isEqualTo(3648);
        assertThat(raw.height()).as("sensor borders: bottom - top").isEqualTo(2736);
        assertThat(raw.largest()).contains(new Preview(jpegAt, jpeg.length, 1920, 1440));
    }

    @Test
    void orfPreviewIsFoundInTheOlympusMakerNote() throws IOException {
        byte[] jpeg = jpeg(1600, 1200);
        int note = 200;
        int jpegAt = note + 120;
        int padded = jpeg.length + 16; // cameras pad; a scan would end the preview at its EOI instead
        Layout l = new Layout(jpegAt + padded).tiffHeader(0x4F52, 8)
                .ifd(8, 0, new int[] {0x8769, LONG, 1, 100}, new int[] {0x0112, SHORT, 1, 6})
                .ifd(100, 0, new int[] {0x927C, UNDEFINED, 120 + jpeg.length, note})
                .bytes(note, "OLYMPUS\0II".getBytes(StandardCharsets.US_ASCII));
        l.buf.putShort(note + 10, (short) 3);
        // New-style maker notes count offsets from the note's own start.
        l.ifd(note + 12, 0, new int[] {0x2020, 13, 1, 40})
                .ifd(note + 40, 0, new int[] {0x0101, LONG, 1, 120}, new int[] {0x0102, LONG, 1, padded})
                .bytes(jpegAt, jpeg);
        RawImage raw = RawPreviews.inspect(l.array(), "P1.ORF").orElseThrow();
        assertThat(raw.format()).isEqualTo("orf");
        assertThat(raw.orientation()).isEqualTo(6);
        assertThat(raw.previews()).containsExactly(new Preview(jpegAt, padded, 1600, 1200));
    }

    @Test
    void jpegNamedNefIsNotARaw() throws IOException {
        assertThat(RawPreviews.inspect(jpeg(320, 240), "x.nef")).isEmpty();
    }

    private static byte[] plainTiff() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "tiff", out)).isTrue();
        return out.toByteArray();
    }

    @Test
    void plainTiffNamedTifIsNotARaw() throws IOException {
        assertThat(RawPreviews.inspect(plainTiff(), "x.tif")).isEmpty();
    }

    @Test
    void tiffNamedNefIsANef() throws IOException {
        assertThat(RawPreviews.inspect(plainTiff(), "x.nef")).map(RawImage::format).contains("nef");
    }

    @Test
    void previewOffsetPastTheEndIsSkippedAndTheScanFindsTheRealJpeg() throws IOException {
        byte[] jpeg = jpeg(64, 48);
        RawImage raw = RawPreviews.inspect(cr2Like(jpeg, 1 << 30, jpeg.length), "x.cr2").orElseThrow();
        assertThat(raw.previews()).containsExactly(new Preview(256, jpeg.length, 64, 48));
    }

    @Test
    void previewLengthOverflowingAnIntIsSkippedAndTheScanFindsTheRealLength() throws IOException {
        byte[] jpeg = jpeg(64, 48);
        RawImage raw = RawPreviews.inspect(cr2Like(jpeg, 256, 0xFFFFFFF0), "x.cr2").orElseThrow();
        assertThat(raw.previews()).containsExactly(new Preview(256, jpeg.length, 64, 48));
    }

    @Test
    void previewPointingAtNoJpegGivesNoPreview() throws IOException {
        byte[] notJpeg = new byte[2000];
        Arrays.fill(notJpeg, (byte) 0x55);
        RawImage raw = RawPreviews.inspect(cr2Like(notJpeg), "x.cr2").orElseThrow();
        assertThat(raw.previews()).isEmpty();
    }

    @Test
    void ifdPointingToItselfEnds() throws IOException {
        byte[] jpeg = jpeg(64, 48);
        byte[] file = new Layout(256 + jpeg.length).tiffHeader(42, 8)
                .ifd(8, 8, new int[] {0x014A, LONG, 1, 8}, new int[] {0x8769, LONG, 1, 8},
                        new int[] {0x0201, LONG, 1, 256}, new int[] {0x0202, LONG, 1, jpeg.length})
                .bytes(256, jpeg).array();
        RawImage raw = RawPreviews.inspect(file, "loop.nef").orElseThrow();
        assertThat(raw.previews()).extracting(Preview::width).containsExactly(64);
    }

    @Test
    void ifdDeclaringFiftyThousandEntriesIsSkipped() {
        byte[] file = new Layout(1 << 16).tiffHeader(42, 8).array();
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 50_000);
        RawImage raw = RawPreviews.inspect(file, "huge.nef").orElseThrow();
        assertThat(raw.previews()).isEmpty();
    }

    @Test
    void fileFullOfFakeJpegHeadersGivesNoPreview() {
        // A TIFF RAW with no structured preview is scanned; here every few bytes starts a JPEG header chain
        // that never reaches a frame header.
        byte[] file = new Layout(4 << 20).tiffHeader(42, 0).array();
        byte[] fake = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 5};
        for (int p = 16; p + fake.length <= file.length; p += fake.length) {
            System.arraycopy(fake, 0, file, p, fake.length);
        }
        RawImage raw = RawPreviews.inspect(file, "fake.nef").orElseThrow();
        assertThat(raw.previews()).isEmpty();
    }

    @Test
    void randomBytesAreNotARaw() {
        byte[] noise = new byte[1 << 20];
        new Random(7).nextBytes(noise);
        assertThat(RawPreviews.inspect(noise, "x.nef")).isEmpty();
    }

    @Test
    void corruptedRawsReturnWithoutException() throws IOException {
        // Random bytes under every RAW signature, and a valid synthetic CR2 with bytes flipped: every parser
        // and the scan meet junk offsets, counts and lengths.
        Random random = new Random(11);
        String[] signatures = {"II*\0\u0010\0\0\0CR", "IIRO\u0008\0\0\0", "IIU\0\u0008\0\0\0", "FUJIFILMCCD-RAW ",
            "FOVb", "\0\0\0\u0018ftypcrx ", "II\u001a\0\0\0HEAPCCDR"};
        for (String signature : signatures) {
            for (int i = 0; i < 20; i++) {
                byte[] file = new byte[4096];
                random.nextBytes(file);
                byte[] sig = signature.getBytes(StandardCharsets.ISO_8859_1);
                System.arraycopy(sig, 0, file, 0, sig.length);
                assertThat(RawPreviews.inspect(file, "x.raw")).isNotNull();
            }
        }
        byte[] cr2 = cr2Like(jpeg(64, 48));
        for (int i = 0; i < 500; i++) {
            byte[] file = cr2.clone();
            for (int flips = 0; flips < 8; flips++) {
                file[random.nextInt(512)] = (byte) random.nextInt(256);
            }
            assertThat(RawPreviews.inspect(file, "x.cr2")).isNotNull();
        }
    }

    @Test
    void emptyOrNullBytesAreNotARaw() {
        assertThat(RawPreviews.inspect(new byte[0], "x.nef")).isEmpty();
        assertThat(RawPreviews.inspect(null, null)).isEmpty();
    }
}
