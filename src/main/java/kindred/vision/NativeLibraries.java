package kindred.vision;

import java.util.List;

/**
 * Loads every native library Kindred uses (JavaCPP, OpenBLAS, OpenCV, FFmpeg, TensorFlow Lite) once, on one
 * thread, in one fixed order, before any other JavaCPP class is touched. Every class of this package that uses
 * {@code org.bytedeco} calls {@link #load()} in its static initialiser, so no code of it runs before
 * (NativeLibrariesGuardTest checks that each one does).
 *
 * <p>Why: JavaCPP loads a library while holding the {@code Loader} class's lock (and the JDK's own native-library
 * lock), and the library's {@code JNI_OnLoad} then initialises {@code Pointer} and other classes; while another
 * thread initialising one of those classes waits for the {@code Loader} lock in its static initialiser. When the
 * window loaded the face models on one thread ({@code opencv_core} → OpenBLAS's {@code JNI_OnLoad}) while an image
 * thread made the first thumbnail ({@code Pointer.<clinit>}), the two waited for each other for ever, and the
 * JavaFX renderer with them (every {@code System.loadLibrary} waits for the JDK's lock). Here the first caller
 * loads everything while the others wait on this class's lock, holding no JavaCPP class half-initialised; after
 * it, initialising a JavaCPP class finds its library loaded and runs no {@code JNI_OnLoad} under the
 * {@code Loader} lock. NativeStartRace reproduces the deadlock (NativeStartDeadlockTest).
 */
final class NativeLibraries {

    /**
     * The classes whose initialisation loads the native libraries, in load order: JavaCPP's own, then OpenCV (with
     * OpenBLAS, which {@code opencv_core} inherits) from the core up to the object detector (YuNet, which inherits
     * {@code opencv_dnn} and {@code opencv_calib3d}), then FFmpeg (HEIC/AVIF) from {@code avutil} up, then TensorFlow
     * Lite (the BlazeFace and MobileFaceNet models). Each preset class initialises the presets it inherits first.
     */
    static final List<String> LOAD_ORDER = List.of(
            "org.bytedeco.javacpp.Loader",
            "org.bytedeco.javacpp.Pointer",
            "org.bytedeco.openblas.global.openblas_nolapack",
            "org.bytedeco.openblas.global.openblas",
            "org.bytedeco.opencv.global.opencv_core",
            "org.bytedeco.opencv.global.opencv_imgproc",
            "org.bytedeco.opencv.global.opencv_imgcodecs",
            "org.bytedeco.opencv.global.opencv_dnn",
            "org.bytedeco.opencv.global.opencv_objdetect",
            "org.bytedeco.ffmpeg.global.avutil",
            "org.bytedeco.ffmpeg.global.swresample",
            "org.bytedeco.ffmpeg.global.avcodec",
            "org.bytedeco.ffmpeg.global.avformat",
            "org.bytedeco.ffmpeg.global.swscale",
            "org.bytedeco.tensorflowlite.global.tensorflowlite");

    private static volatile boolean loaded;

    private NativeLibraries() {
    }

    /**
     * Loads every library in {@link #LOAD_ORDER}, the first time; later calls return at once. Blocks while another
     * thread loads them. A library that cannot be loaded throws (an {@link UnsatisfiedLinkError} or the
     * {@link NoClassDefFoundError} of a class whose initialisation failed), now and on every later call.
     */
    static void load() {
        if (loaded) {
            return;
        }
        synchronized (NativeLibraries.class) {
            if (loaded) {
                return;
            }
            ClassLoader classLoader = NativeLibraries.class.getClassLoader();
            for (String name : LOAD_ORDER) {
                try {
                    Class.forName(name, true, classLoader);
                } catch (ClassNotFoundException e) {
                    throw new NoClassDefFoundError(name + " is missing from the application: " + e.getMessage());
                }
            }
            loaded = true;
        }
    }
}
