package kindred.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;

/**
 * The independent tools the XMP tests check Kindred against: exiftool (reads and writes regions) and ImageMagick
 * (makes photos stored rotated). Tests that need one skip, with the reason printed, when it is absent.
 */
public final class Tools {

    private Tools() {
    }

    public static void requireExiftool() {
        boolean ok = runs("exiftool", "-ver");
        if (!ok) {
            System.out.println("SKIPPED: exiftool is not installed (Debian: libimage-exiftool-perl)");
        }
        Assumptions.assumeTrue(ok, "exiftool is not installed (Debian: libimage-exiftool-perl)");
    }

    public static void requireImageMagick() {
        boolean ok = runs("convert", "-version");
        if (!ok) {
            System.out.println("SKIPPED: ImageMagick `convert` is not installed");
        }
        Assumptions.assumeTrue(ok, "ImageMagick `convert` is not installed");
    }

    static boolean runs(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs a command, fails the test when it fails, returns its stdout. */
    public static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + new String(err, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    public static JsonNode exiftoolJson(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("exiftool", "-j"));
        cmd.addAll(List.of(args));
        return new ObjectMapper().readTree(run(cmd.toArray(String[]::new))).get(0);
    }

    /** Normalized top-left box {x, y, w, h} of the pixels of one pure colour in an image as stored (no EXIF rotation). */
    public static double[] colourBox(Path image, int rgb) throws IOException {
        BufferedImage img = ImageIO.read(image.toFile());
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
        int tr = (rgb >> 16) & 0xFF, tg = (rgb >> 8) & 0xFF, tb = rgb & 0xFF;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
                if (Math.abs(r - tr) < 60 && Math.abs(g - tg) < 60 && Math.abs(b - tb) < 60) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        if (x1 < 0) {
            throw new AssertionError("no pixels of colour " + Integer.toHexString(rgb) + " in " + image);
        }
        double w = img.getWidth();
        double h = img.getHeight();
        return new double[] {x0 / w, y0 / h, (x1 + 1 - x0) / w, (y1 + 1 - y0) / h};
    }

    /** ImageMagick operation that turns the upright (display) image into the image stored with this orientation. */
    public static String storeOp(int orientation) {
        return switch (orientation) {
            case 2 -> "-flop";
            case 3 -> "-rotate 180";
            case 4 -> "-flip";
            case 5 -> "-transpose";
            case 6 -> "-rotate -90";
            case 7 -> "-transverse";
            case 8 -> "-rotate 90";
            default -> "";
        };
    }

    public static final int RED = 0xFF0000;
    public static final int BLUE = 0x0000FF;

    /** Display-space (upright) boxes of the two coloured "faces" drawn by {@link #markedPhoto}, normalized. */
    public static final double[] RED_BOX = {60 / 600.0, 80 / 400.0, 120 / 600.0, 100 / 400.0};
    public static final double[] BLUE_BOX = {400 / 600.0, 200 / 400.0, 100 / 600.0, 150 / 400.0};
    public static final int DISPLAY_W = 600;
    public static final int DISPLAY_H = 400;

    /**
     * A 600×400 (as displayed) JPEG with a red and a blue rectangle standing in for two faces, stored with the given
     * EXIF orientation: the pixels are turned by ImageMagick so that a viewer applying the orientation shows the
     * upright picture, and the Orientation tag is set by exiftool.
     */
    public static Path markedPhoto(Path dir, String name, int orientation) throws IOException, InterruptedException {
        Path upright = dir.resolve("upright-" + name + ".png");
        run("convert", "-size", "600x400", "xc:white", "-fill", "red", "-draw", "rectangle 60,80 179,179",
                "-fill", "blue", "-draw", "rectangle 400,200 499,349", upright.toString());
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("convert", upright.toString()));
        String op = storeOp(orientation);
        if (!op.isEmpty()) {
            cmd.addAll(List.of(op.split(" ")));
        }
        cmd.addAll(List.of("-quality", "95", out.toString()));
        run(cmd.toArray(String[]::new));
        run("exiftool", "-q", "-overwrite_original", "-n", "-Orientation=" + orientation, out.toString());
        return out;
    }
}
