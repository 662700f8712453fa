package kindred.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/** What every benchmark reports beside its own figures: medians, the process's CPU time, the load average. */
public final class Measure {

    private Measure() {
    }

    /** The median of the values (the mean of the middle two for an even count). */
    public static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** CPU time of the whole process (every thread, native code included), in seconds; NaN when unknown. */
    public static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /**
     * Time the collector has stopped the process so far, in seconds (every collector's cumulative collection time;
     * with G1 its young, mixed and full pauses, not its concurrent marking).
     */
    public static double gcPauseSeconds() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum() / 1e3;
    }

    /** Time the JIT compilers have spent so far, summed over their threads, in seconds; NaN when unknown. */
    public static double jitSeconds() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() / 1e3 : Double.NaN;
    }

    /** The machine's load average over the last minute (other programs competing for the cores). */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
