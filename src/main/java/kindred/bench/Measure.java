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

    /** The machine's load average over the last minute (other programs competing for the cores). */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
