package kindred.vision;

import java.util.Locale;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;

/**
 * Keeps the native libraries' own log lines off stderr (TensorFlow Lite printed "INFO: Created TensorFlow Lite
 * XNNPACK delegate for CPU." on every command; FFmpeg and OpenCV print warnings about files Kindred already reports
 * in its own words). The environment variable {@code KINDRED_LOG} (the level of Kindred's own log, e.g. {@code DEBUG})
 * lets them speak again: {@code INFO}, {@code DEBUG} or {@code TRACE} gives their usual output, {@code WARN} their
 * warnings and errors, {@code ERROR} their errors; unset, they are silent.
 */
final class NativeLogging {

    static {
        NativeLibraries.load(); // first, before any JavaCPP class is touched: see NativeLibraries
    }

    /** What the native libraries may print. */
    enum Level {
        SILENT, ERROR, WARNING, INFO;

        static Level fromEnvironment(String kindredLog) {
            if (kindredLog == null || kindredLog.isBlank()) {
                return SILENT;
            }
            return switch (kindredLog.trim().toUpperCase(Locale.ROOT)) {
                case "ERROR" -> ERROR;
                case "WARN", "WARNING" -> WARNING;
                case "INFO", "DEBUG", "TRACE", "ALL" -> INFO;
                default -> SILENT;
            };
        }
    }

    /** tflite::LogSeverity: TFLITE_LOG_VERBOSE = 0, INFO = 1, WARNING = 2, ERROR = 3, SILENT = 4 (tensorflow/lite/logger.h). */
    private static final String TFLITE_MINIMUM_SEVERITY = "_ZN6tflite16logging_internal13MinimalLogger21minimum_log_severity_E";

    static final Level LEVEL = Level.fromEnvironment(System.getenv("KINDRED_LOG"));

    private static boolean tfliteDone;

    private NativeLogging() {
    }

    /**
     * Sets TensorFlow Lite's minimum log severity (tflite::logging_internal::MinimalLogger, which the JavaCPP preset
     * does not map) by writing the exported static it keeps it in. Call before the first interpreter is built.
     */
    static synchronized void tensorFlowLite() {
        if (tfliteDone) {
            return;
        }
        tfliteDone = true;
        if (LEVEL == Level.INFO) {
            return;
        }
        Loader.load(org.bytedeco.tensorflowlite.global.tensorflowlite.class);
        Pointer address = Loader.addressof(TFLITE_MINIMUM_SEVERITY);
        if (address == null || address.isNull()) {
            return; // another build of the library: its messages stay, nothing else changes
        }
        int severity = switch (LEVEL) {
            case ERROR -> 3;
            case WARNING -> 2;
            default -> 4;
        };
        new IntPointer(address).put(severity);
    }

    /** FFmpeg's log level (libavutil): every failure becomes a PhotoReadException with a reason anyway. */
    static void ffmpeg() {
        avutil.av_log_set_level(switch (LEVEL) {
            case SILENT -> avutil.AV_LOG_QUIET;
            case ERROR -> avutil.AV_LOG_ERROR;
            case WARNING -> avutil.AV_LOG_WARNING;
            case INFO -> avutil.AV_LOG_INFO;
        });
    }
}
